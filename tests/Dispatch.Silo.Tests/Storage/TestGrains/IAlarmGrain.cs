namespace Dispatch.Silo.Tests.Storage.TestGrains;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan dueTime, TimeSpan period);

    Task Disarm();
}
