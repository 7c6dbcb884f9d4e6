namespace Dispatch.Silo.Tests.Storage.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment(string note);

    Task<CounterState> Get();

    Task Clear();

    /// <summary>The runtime identity of the silo this activation lives on.</summary>
    Task<string> HostedOn();
}
