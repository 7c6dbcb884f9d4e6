using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Tasks;

/// <summary>One gateway without demo data and the small task county in it.</summary>
public sealed class TaskCountyFixture : IAsyncLifetime
{
    public DispatchAppFactory App { get; } = new(demoData: false);

    internal TaskCounty County { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.WaitUntilReady(TimeSpan.FromMinutes(2));
        var admin = await App.ClientFor("admin", DispatchAppFactory.AdminPassword);
        County = await TaskCounty.Create(admin, "tk");
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    public Task<HttpClient> As(string login) => App.ClientFor(login, TaskCounty.Password);
}
