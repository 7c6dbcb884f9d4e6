using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dispatch.Media.Tests.Bridging.Hosting;

/// <summary>
/// The real baresip 1.0 (Debian; build/ensure-tools.sh installs it) as a SIP phone that needs no registrar: it
/// listens on its own port, auto-answers any INVITE to sip:bridge@127.0.0.1, plays a sine tone (ausine: 48 kHz
/// stereo only, TOOLING.md) and, through the sndfile filter, writes what it sends and what it hears to WAV files.
/// </summary>
internal sealed class BaresipPhone : IAsyncDisposable
{
    public const string Binary = "/usr/bin/baresip";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BaresipPhone(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        SipEndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public string Folder { get; }

    public IPEndPoint SipEndPoint { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static BaresipPhone Start(int toneHz)
    {
        var port = FreeSipPort();
        var folder = Directory.CreateTempSubdirectory($"dispatch-bridge-baresip-{Environment.ProcessId}-").FullName;
        var invariant = CultureInfo.InvariantCulture;
        File.WriteAllLines(Path.Combine(folder, "config"),
        [
            "poll_method epoll",
            string.Create(invariant, $"sip_listen 127.0.0.1:{port}"),
            string.Create(invariant, $"audio_source ausine,{toneHz}"),
            "ausrc_srate 48000",
            "ausrc_channels 2",
            "audio_alert none,none",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module ausine.so",
            "module sndfile.so",
            string.Create(invariant, $"snd_path {folder}"),
            "module_tmp account.so",
            "module_app menu.so",
        ]);
        File.WriteAllText(Path.Combine(folder, "accounts"), "<sip:bridge@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n");
        File.WriteAllText(Path.Combine(folder, "contacts"), "");
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(folder);
        var process = Process.Start(start)!;
        var phone = new BaresipPhone(process, folder, port);
        process.OutputDataReceived += (_, e) => phone.Append(e.Data);
        process.ErrorDataReceived += (_, e) => phone.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return phone;
    }

    /// <summary>The WAV sndfile wrote for one direction: "dec" is what baresip heard, "enc" what it sent.</summary>
    public string? Recording(string direction) =>
        Directory.GetFiles(Folder, $"dump-*-{direction}.wav").FirstOrDefault();

    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"baresip never printed '{text}':\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output) _output.AppendLine(line);
        }
    }

    /// <summary>baresip listens on UDP and TCP at its SIP port and TCP one above (TLS): all must be free.</summary>
    private static int FreeSipPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            if (port < 65535 && IsFreeTcp(port) && IsFreeTcp(port + 1)) return port;
        }
        throw new InvalidOperationException("no free UDP/TCP port pair for baresip");
    }

    private static bool IsFreeTcp(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
