using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Gateway.Api;
using Dispatch.Gateway.Api.Notices;
using Dispatch.Gateway.Api.Statistics;
using Dispatch.Gateway.Api.Calls;
using Dispatch.Gateway.Api.Tasks;
using Dispatch.Gateway.Attachments;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Calls;
using Dispatch.Gateway.Calls.Media;
using Dispatch.Gateway.Health;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Problems;
using Dispatch.Gateway.Realtime;
using Dispatch.Silo.Hosting;
using Dispatch.Silo.Tasks;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Gateway.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>
    /// The edge's services. <c>Dispatch:Role</c> = <c>all</c> (default) co-hosts the silo in this
    /// process; <c>gateway</c> joins a PostgreSQL cluster as an Orleans client; <c>media</c> does
    /// too and owns the SIP sockets.
    /// </summary>
    public static WebApplicationBuilder AddDispatchGateway(this WebApplicationBuilder builder)
    {
        var role = (builder.Configuration["Dispatch:Role"] ?? "all").ToLowerInvariant();
        switch (role)
        {
            case "all":
                builder.AddDispatchSilo();
                builder.Configuration["Dispatch:WebRtc:Enabled"] ??= "true";
                break;
            case "gateway":
                builder.AddDispatchClusterClient();
                break;
            case "media":
                builder.AddDispatchClusterClient();
                builder.Configuration["Dispatch:Sip:Enabled"] ??= "true";
                builder.Configuration["Dispatch:Sip:Address"] ??= "0.0.0.0";
                builder.Configuration["Dispatch:WebRtc:Enabled"] ??= "true";
                break;
            default:
                throw new InvalidOperationException($"Dispatch:Role must be 'all', 'gateway' or 'media', not '{role}'.");
        }
        if (builder.Configuration.GetValue("Dispatch:Sip:Enabled", false))
        {
            builder.Services.AddSingleton<SipCallLog>();
            builder.Services.AddSingleton<SipListenerService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SipListenerService>());
        }
        if (builder.Configuration.GetValue("Dispatch:WebRtc:Enabled", false))
        {
            builder.Services.AddSingleton<WebRtcHostService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WebRtcHostService>());
            builder.Services.AddSingleton<SipRtpHost>();
            builder.Services.AddSingleton<WebRtcCallMediaPlane>();
            builder.Services.AddSingleton<ICallMediaPlane>(sp => sp.GetRequiredService<WebRtcCallMediaPlane>());
        }
        builder.Services.AddSingleton<EchoSignalling>();
        builder.Services.AddDispatchCalls();

        var services = builder.Services;
        services.Configure<DispatchOptions>(builder.Configuration.GetSection(DispatchOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayReadiness>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<VerifiedPasswords>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<OrgScope>();
        services.AddSingleton<RecentWorkerViews>();
        services.AddHostedService<OrgCacheWarmUp>();
        if (builder.Configuration.GetSection(DispatchOptions.Section).GetValue(nameof(DispatchOptions.WarmUp), true))
        {
            services.AddSingleton<CodeWarmUp>();
            services.AddHostedService(sp => sp.GetRequiredService<CodeWarmUp>());
            services.AddSingleton<SendPathWarmUp>();
            services.AddHostedService(sp => sp.GetRequiredService<SendPathWarmUp>());
        }
        services.Configure<TaskOptions>(builder.Configuration.GetSection(TaskOptions.Section));
        services.Configure<AttachmentOptions>(builder.Configuration.GetSection(AttachmentOptions.Section));
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AwarenessRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<AwarenessRelay>());

        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblemHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyStore>((o, keys) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenIssuer.Issuer,
                    ValidAudience = TokenIssuer.Audience,
                    IssuerSigningKey = keys.Key,
                    NameClaimType = DispatchClaims.Login,
                    RoleClaimType = DispatchClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                // Browsers cannot set headers on WebSocket requests: hubs take the token from the query.
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        var token = ctx.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && ctx.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        {
                            ctx.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization();
        services.AddOpenApi();
        services.AddDispatchRealtime(builder.Configuration);
        return builder;
    }

    /// <summary>The middleware and every endpoint of the edge.</summary>
    public static WebApplication MapDispatchGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Dispatch API v1");
            o.DocumentTitle = "Dispatch API";
        });
        app.MapHealth();
        app.MapAuthApi();
        app.MapUnitsApi();
        app.MapWorkersApi();
        app.MapSipBindingsApi();
        app.MapSipCallsApi();
        app.MapImportApi();
        app.MapPushesApi();
        app.MapTasksApi();
        app.MapNoticesApi();
        app.MapStatisticsApi();
        app.MapCallsApi();
        app.MapDispatchRealtime();
        app.MapSipWebSocket();
        return app;
    }
}
