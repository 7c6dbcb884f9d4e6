using Dispatch.Gateway.Hosting;

// The single-node default: REST + hubs + web clients with the silo in the same process.
// First: the shared array pool reads its limits once, when first used (SharedBufferPool).
SharedBufferPool.Enlarge();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The web clients (clients/web) are copied beside the binaries.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "web"),
});
builder.AddDispatchGateway();

var app = builder.Build();
app.MapDispatchGateway();
app.Run();

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
