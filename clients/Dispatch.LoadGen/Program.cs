using Dispatch.LoadGen;

// Simulates N workers (connect, stay online, acknowledge pushes) and reports latency percentiles.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
return options.Mode switch
{
    "notice" => await new NoticeRun(options, Console.Out).Execute(),
    "call" => await new CallRun(options, Console.Out).Execute(),
    _ => await new LoadRun(options, Console.Out).Execute(),
};
