using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Dispatch.Gateway.Tests.Media;

namespace Dispatch.Gateway.Tests.Calls.Baresip;

/// <summary>
/// The real baresip 1.0 as a demo worker's desk phone for an end-to-end call: registers with digest credentials,
/// answers every call at once, plays a sine of <c>toneHz</c> (ausine: 48 kHz stereo only, TOOLING.md) and, through
/// the sndfile filter, writes what it hears to <c>dump-*-dec.wav</c> in its own folder. G.711 only, as a desk phone.
/// </summary>
internal sealed class BaresipWorkerPhone : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BaresipWorkerPhone(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }

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

    public static BaresipWorkerPhone Start(IPEndPoint registrar, string username, string password, int toneHz)
    {
        var port = Media.Baresip.FreeSipPort();
        var folder = Directory.CreateTempSubdirectory($"dispatch-e2e-baresip-{Environment.ProcessId}-").FullName;
        var invariant = CultureInfo.InvariantCulture;
        File.WriteAllLines(Path.Combine(folder, "config"),
        [
            "poll_method epoll",
            string.Create(invariant, $"sip_listen 127.0.0.1:{port}"),
            "call_local_timeout 120",
            string.Create(invariant, $"audio_source ausine,{toneHz}"),
            "ausrc_srate 48000",
            "ausrc_channels 2",
            "audio_alert none,none",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module ausine.so",
            "module sndfile.so",
            string.Create(invariant, $"snd_path {folder}"),
            "module_tmp uuid.so",
            "module_tmp account.so",
            "module_app menu.so",
        ]);
        File.WriteAllText(Path.Combine(folder, "accounts"), string.Create(invariant,
            $"<sip:{username}@{registrar.Address}:{registrar.Port};transport=udp>;auth_pass={password};answermode=auto;regint=600;audio_codecs=PCMU,PCMA\n"));
        File.WriteAllText(Path.Combine(folder, "contacts"), "");
        var start = new ProcessStartInfo(Media.Baresip.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(folder);
        var process = Process.Start(start)!;
        var phone = new BaresipWorkerPhone(process, folder);
        process.OutputDataReceived += (_, e) => phone.Append(e.Data);
        process.ErrorDataReceived += (_, e) => phone.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return phone;
    }

    /// <summary>The WAV of what baresip heard, once sndfile has made it.</summary>
    public string? HeardRecording => Directory.GetFiles(Folder, "dump-*-dec.wav").FirstOrDefault();

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

    /// <summary>SIGTERM (baresip unregisters and quits), a kill if it lingers past 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
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
