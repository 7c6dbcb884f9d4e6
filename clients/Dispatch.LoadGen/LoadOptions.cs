using System.Globalization;
using Dispatch.Client;

namespace Dispatch.LoadGen;

/// <summary>Command-line settings: <c>--name value</c> pairs, every one optional.</summary>
internal sealed record LoadOptions(
    Uri Server, int Workers, string Dispatcher, string Password, int Concurrency, int? ServerPid, TimeSpan DeliveryTimeout, string Mode = "push", HubWireProtocol Protocol = HubWireProtocol.Json, int Calls = 200, int CallRate = 20, int Callers = 40, int SettleSeconds = 0, int Pushes = 1, int GapSeconds = 0, bool QuietCollector = true)
{
    public const string Usage = """
        dotnet run --project clients/Dispatch.LoadGen -c Release -- [options]
          --server URL         gateway (default http://127.0.0.1:5080)
          --workers N          simulated workers, taken from the dispatcher's scope by id (default 100)
          --dispatcher LOGIN   who pushes and lists the workers (default "dispatcher")
          --password P         password of the dispatcher and of every worker (default demo2026)
          --concurrency C      logins and connects in flight at once (default 16)
          --server-pid PID     the gateway's process id, to report its memory per connected worker
          --timeout SECONDS    how long to wait for every push to arrive (default 120)
          --mode push|notice   push: one REST push, delivery acks (default); notice: one notice, every device confirms
          --protocol json|messagepack   the hub protocol of every simulated device (default json)
          --mode call          call: workers call other workers at --rate per second; the callee declines on the ring
          --calls N            calls to place in --mode call (default 200)
          --rate R             call set-ups started per second (default 20)
          --callers K          how many of the workers place the calls, round robin (default 40)
          --pushes K           in --mode push: this many pushes one after the other, each reported (default 1;
                               the first after a start is the cold one, the later ones show the warm server)
          --settle SECONDS     wait this long after every worker connected, before the push (to attach a profiler; default 0)
          --gap SECONDS        with --pushes: wait this long between one push's last ack and the next push (default 0;
                               a county's pushes come minutes apart, so what the gateway keeps must last that long)
          --collector quiet|usual   in --mode push: quiet (default) keeps this process's garbage collector from running
                               while a push is measured, as one process stands for thousands of phones whose
                               collections would stop all of them at once; usual: leave it as it is
        """;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.\n{Usage}");
            }
            values[args[i][2..]] = args[++i];
        }
        string Get(string name, string fallback) => values.Remove(name, out var v) ? v : fallback;
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var options = new LoadOptions(
            new Uri(Get("server", "http://127.0.0.1:5080")),
            Int("workers", 100),
            Get("dispatcher", "dispatcher"),
            Get("password", "demo2026"),
            Int("concurrency", 16),
            values.ContainsKey("server-pid") ? Int("server-pid", 0) : null,
            TimeSpan.FromSeconds(Int("timeout", 120)),
            Get("mode", "push"),
            Get("protocol", "json") switch
            {
                "json" => HubWireProtocol.Json,
                "messagepack" => HubWireProtocol.MessagePack,
                var other => throw new ArgumentException($"--protocol must be 'json' or 'messagepack', not '{other}'.\n{Usage}"),
            },
            Int("calls", 200),
            Int("rate", 20),
            Int("callers", 40),
            Int("settle", 0),
            Int("pushes", 1),
            Int("gap", 0),
            Get("collector", "quiet") switch
            {
                "quiet" => true,
                "usual" => false,
                var other => throw new ArgumentException($"--collector must be 'quiet' or 'usual', not '{other}'.\n{Usage}"),
            });
        if (options.Mode is not ("push" or "notice" or "call"))
        {
            throw new ArgumentException($"--mode must be 'push', 'notice' or 'call', not '{options.Mode}'.\n{Usage}");
        }
        if (options.Pushes < 1)
        {
            throw new ArgumentException($"--pushes must be at least 1.\n{Usage}");
        }
        if (options.Mode == "call" && (options.Calls < 1 || options.CallRate < 1 || options.Callers < 1 || options.Callers >= options.Workers))
        {
            throw new ArgumentException($"--mode call needs --calls, --rate and --callers of at least 1, and fewer callers than --workers.\n{Usage}");
        }
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys)}.\n{Usage}");
        }
        return options;
    }
}
