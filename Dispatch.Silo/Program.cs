using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// A silo on its own (cluster mode). The single-node default runs the silo inside Dispatch.Gateway.
var builder = Host.CreateApplicationBuilder(args);
builder.AddDispatchSilo();
await builder.Build().RunAsync();
