namespace Dispatch.Silo.Tests.Storage.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment(string note);

    Task<CounterState> Get();

    Task Clear();
}
