using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// A real WebRTC peer in a child process speaking the line protocol of the scripts in WebRtc/Scripts:
/// it prints <c>{"offer"}</c>, reads <c>{"answer"}</c>, prints <c>{"result"}</c> or <c>{"error"}</c>.
/// The test relays offer and answer through the gateway's hub. Standard error is kept for failure messages.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    public PeerProcess(string file, string arguments)
    {
        _process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The next JSON line carrying <paramref name="key"/>; an <c>error</c> line or exit fails with the script's words.</summary>
    public async Task<JsonNode> Read(string key, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{key}' from the peer within {timeout}. stderr:\n{StandardError}");
            }
            if (line is null)
            {
                throw new InvalidOperationException($"The peer exited before sending '{key}'. stderr:\n{StandardError}");
            }
            if (!line.StartsWith('{'))
            {
                continue;
            }
            var node = JsonNode.Parse(line)!;
            if (node["error"] is { } error)
            {
                throw new InvalidOperationException($"The peer failed: {error}\nstderr:\n{StandardError}");
            }
            if (node[key] is { } value)
            {
                return value;
            }
        }
    }

    public async Task Write(string key, string value)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }));
        await _process.StandardInput.FlushAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }
}
