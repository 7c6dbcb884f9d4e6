using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>
/// The real baresip 1.0 (Debian, installed by build/ensure-tools.sh) as a worker's softphone: headless (no UI
/// module, no audio hardware: a sine source and no player), one account registering with digest credentials and
/// answering every call at once. Its own config folder (-f), its own port; stopped with SIGTERM, killed if it lingers.
/// Options make it a desk phone for end-to-end calls: the tone it plays, G.711 only, and (sndfile) a recording of
/// what it hears, <c>dump-*-dec.wav</c> in its folder.
/// </summary>
internal sealed class Baresip : IAsyncDisposable
{
    public const string Binary = "/usr/bin/baresip";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;
    private readonly int? _controlPort;

    private Baresip(Process process, string folder, int? controlPort)
    {
        _process = process;
        _folder = folder;
        _controlPort = controlPort;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Its config folder (also where the recording goes).</summary>
    public string Folder => _folder;

    /// <summary>The WAV of what baresip heard, once sndfile has made it (only when started with a recording).</summary>
    public string? HeardRecording => Directory.GetFiles(_folder, "dump-*-dec.wav").FirstOrDefault();

    /// <summary>
    /// A port for baresip's SIP: it listens on UDP and TCP there and on TCP one above for TLS, so all three must be free.
    /// Picked below the ephemeral range (10000-32767): loopback load (thousands of TIME-WAIT connections, seen on the
    /// shared build machine) makes a kernel-chosen ephemeral UDP port's TCP twin busy too often.
    /// </summary>
    public static int FreeSipPort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = attempt % 2 == 0 ? Random.Shared.Next(10000, 32766) : FreePort.NextUdp();
            if (port < 65535 && IsFreeUdp(port) && IsFreeTcp(port) && IsFreeTcp(port + 1))
            {
                return port;
            }
            Assert.True(attempt < 200, "no free UDP/TCP port pair for baresip");
        }
    }

    private static bool IsFreeUdp(int port)
    {
        try
        {
            using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
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

    /// <param name="toneHz">The sine it sends when a call is up.</param>
    /// <param name="record">Load sndfile: what it hears is written to <see cref="HeardRecording"/>.</param>
    /// <param name="g711Only">Offer and accept PCMU and PCMA only, as a desk phone.</param>
    /// <param name="answerManually">Ring until <see cref="Command"/>("accept") instead of answering at once (loads ctrl_tcp).</param>
    /// <param name="h264Video">
    /// A video phone as well (avcodec: H.264, H.263, MPEG-4, H.265; an account video_codecs filter made baresip 1.0 decline
    /// every video offer, so none is set; avcodec comes from Debian package baresip-ffmpeg: libx264 encoder, FFmpeg decoder), the
    /// fakevideo module as a headless camera and display, and the snapshot filter, so <c>snapshot_recv &lt;path&gt;</c>
    /// writes the next decoded frame as PNG.
    /// </param>
    public static Baresip Start(IPEndPoint registrar, string username, string password, int port,
        int toneHz = 440, bool record = false, bool g711Only = false, bool answerManually = false, bool h264Video = false)
    {
        int? controlPort = answerManually ? FreePort.Next() : null;
        var folder = Directory.CreateTempSubdirectory($"dispatch-baresip-{Environment.ProcessId}-").FullName;
        var invariant = CultureInfo.InvariantCulture;
        File.WriteAllLines(Path.Combine(folder, "config"),
        [
            "poll_method epoll",
            string.Create(invariant, $"sip_listen 127.0.0.1:{port}"),
            "call_local_timeout 120",
            // TOOLING.md: the sine source needs 48 kHz stereo.
            string.Create(invariant, $"audio_source ausine,{toneHz}"),
            "ausrc_srate 48000",
            "ausrc_channels 2",
            "audio_alert none,none",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module ausine.so",
            .. record ? new[] { "module sndfile.so", "snd_path " + folder } : [],
            .. h264Video ? new[]
            {
                "module avcodec.so", "module fakevideo.so", "module snapshot.so",
                "video_source fakevideo,nil", "video_display fakevideo,nil", "video_size 352x288", "video_fps 15",
            } : [],
            .. controlPort is { } control ? new[] { "module_app ctrl_tcp.so", string.Create(invariant, $"ctrl_tcp_listen 127.0.0.1:{control}") } : [],
            "module_tmp uuid.so",
            "module_tmp account.so",
            "module_app menu.so",
        ]);
        var codecs = g711Only ? ";audio_codecs=PCMU,PCMA" : "";
        File.WriteAllText(Path.Combine(folder, "accounts"),
            string.Create(invariant, $"<sip:{username}@{registrar.Address}:{registrar.Port};transport=udp>;auth_pass={password};answermode={(answerManually ? "manual" : "auto")};regint=600{codecs}\n"));
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
        var baresip = new Baresip(process, folder, controlPort);
        process.OutputDataReceived += (_, e) => baresip.Append(e.Data);
        process.ErrorDataReceived += (_, e) => baresip.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return baresip;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Waits until baresip printed <paramref name="text"/>; fails with its whole output otherwise.</summary>
    public async Task WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"baresip never printed '{text}':\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// One ctrl_tcp command (a netstring holding <c>{"command": ..}</c>), as its menu knows them: <c>accept</c> answers the
    /// ringing call, <c>hangup</c> ends it. Returns baresip's reply (a netstring of JSON).
    /// </summary>
    public async Task<string> Command(string command, TimeSpan timeout, string parameters = "")
    {
        var port = _controlPort ?? throw new InvalidOperationException("Start baresip with answerManually to control it.");
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
        var stream = client.GetStream();
        var quoted = global::System.Text.Json.JsonSerializer.Serialize(parameters);
        var json = $"{{\"command\":\"{command}\",\"params\":{quoted},\"token\":\"test\"}}";
        var framed = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(json)}:{json},"));
        await stream.WriteAsync(framed, cancel.Token);
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        // Events share the connection; the reply is the netstring that says "response".
        while (!reply.ToString().Contains("\"response\"", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancel.Token);
            Assert.True(read > 0, $"baresip closed its control connection after '{command}': {reply}\n{Output}");
            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return reply.ToString();
    }

    /// <summary>SIGTERM (baresip unregisters and quits), then a kill if it is still there after 10 s.</summary>
    public async Task<bool> Stop()
    {
        if (_process.HasExited)
        {
            return true;
        }
        using (var kill = Process.Start("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
