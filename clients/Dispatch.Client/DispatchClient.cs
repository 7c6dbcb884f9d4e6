using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Client;

/// <summary>
/// One device of one login. <see cref="LoginAsync"/>, then <see cref="ConnectAsync"/>: pushes arrive
/// through <see cref="PushReceived"/> exactly once per id, whether live or through the <c>Sync()</c> the
/// client runs after every (re)connect; presence through <see cref="PresenceChanged"/>.
/// </summary>
public sealed partial class DispatchClient : IAsyncDisposable
{
    public const string HubPath = "/hubs/dispatch";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly DispatchClientOptions _options;
    private readonly SeenPushes _seen = new();
    private readonly SemaphoreSlim _deliverGate = new(1, 1);
    private readonly Channel<PushNotice> _live = Channel.CreateUnbounded<PushNotice>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;
    private HubConnection? _connection;

    public DispatchClient(DispatchClientOptions options)
    {
        _options = options;
        _pump = Task.Run(PumpLivePushes);
        Http = options.HttpHandler is null ? new HttpClient() : new HttpClient(options.HttpHandler, disposeHandler: false);
        Http.BaseAddress = options.Server;
    }

    /// <summary>An HTTP client for the REST API carrying this login's token.</summary>
    public HttpClient Http { get; }

    public LoginResult? Login { get; private set; }

    public string DeviceId => _options.DeviceId;

    public HubConnectionState State => _connection?.State ?? HubConnectionState.Disconnected;

    /// <summary>A new push, once per id. Runs one at a time, in arrival order.</summary>
    public event Func<PushNotice, Task>? PushReceived;

    public event Action<PresenceUpdate>? PresenceChanged;

    /// <summary>A push handler or a delivery acknowledgement failed (the push stays pending on the server).</summary>
    public event Action<Exception>? HandlerFailed;

    /// <summary>After an automatic reconnect and the sync that follows it.</summary>
    public event Action? Reconnected;

    public async Task<LoginResult> LoginAsync(string login, string password, CancellationToken cancellationToken = default)
    {
        var response = await Http.PostAsJsonAsync("/api/auth/login", new { login, password }, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DispatchClientException($"Login '{login}' failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        Login = (await response.Content.ReadFromJsonAsync<LoginResult>(Json, cancellationToken))!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Login.AccessToken);
        return Login;
    }

    /// <summary>Opens the hub connection (reconnecting automatically from then on) and syncs pending pushes.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var login = Login ?? throw new InvalidOperationException("Log in before connecting.");
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        var kind = _options.DeviceKind == DeviceKind.Web ? "web" : "app";
        var url = new Uri(_options.Server, $"{HubPath}?device={Uri.EscapeDataString(_options.DeviceId)}&kind={kind}");
        var builder = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(login.AccessToken);
                _options.ConfigureConnection?.Invoke(o);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)))
            .WithAutomaticReconnect(new ForeverRetryPolicy(_options.MaxReconnectDelay));
        if (_options.Protocol == HubWireProtocol.MessagePack)
        {
            // The connection uses the protocol registered last.
            builder.AddMessagePackProtocol();
        }
        var connection = builder.Build();
        // Handlers run on the connection's receive loop: a hub call awaited there would wait for itself,
        // so live pushes are queued and handled (and acknowledged) by a pump of their own.
        connection.On<PushNotice>("push", p => _live.Writer.TryWrite(p));
        connection.On<PresenceUpdate>("presence", p => PresenceChanged?.Invoke(p));
        OnCallEvents(connection);
        connection.Reconnected += async _ =>
        {
            await SyncAsync();
            Reconnected?.Invoke();
        };
        _connection = connection;
        await connection.StartAsync(cancellationToken);
        if (login.WorkerId is not null)
        {
            await SyncAsync(cancellationToken);
        }
    }

    /// <summary>Asks for every pending push and hands the new ones to <see cref="PushReceived"/>, in order.</summary>
    public async Task<IReadOnlyList<PushNotice>> SyncAsync(CancellationToken cancellationToken = default)
    {
        var pending = await Hub.InvokeAsync<IReadOnlyList<PushNotice>>("Sync", cancellationToken);
        foreach (var push in pending)
        {
            await OnPush(push);
        }
        return pending;
    }

    public Task AckAsync(string pushId, ReceiptKind kind, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync("Ack", pushId, Snake(kind), cancellationToken);

    public Task SetActivityAsync(DeviceActivity activity, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync("SetActivity", Snake(activity), cancellationToken);

    /// <summary>Starts presence events for the unit's subtree; returns every worker's presence now.</summary>
    public Task<IReadOnlyList<PresenceUpdate>> SubscribePresenceAsync(string unitCode, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync<IReadOnlyList<PresenceUpdate>>("SubscribePresence", unitCode, cancellationToken);

    public Task UnsubscribePresenceAsync(string unitCode, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync("UnsubscribePresence", unitCode, cancellationToken);

    /// <summary>Closes the connection; <see cref="ConnectAsync"/> opens it again (pushes seen stay seen).</summary>
    public async Task DisconnectAsync()
    {
        if (_connection is not null)
        {
            await _connection.StopAsync();
        }
    }

    /// <summary>The underlying connection, for what the typed methods do not cover.</summary>
    public HubConnection Hub => _connection ?? throw new InvalidOperationException("Connect first.");

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _live.Writer.TryComplete();
        await _pump;
        Http.Dispose();
        _deliverGate.Dispose();
    }

    /// <summary>A push seen before is not shown again, but its delivery is acknowledged again (idempotent) in case the first ack was lost.</summary>
    private async Task OnPush(PushNotice push)
    {
        await _deliverGate.WaitAsync();
        try
        {
            if (_seen.TryAdd(push.Id) && PushReceived is { } handler)
            {
                await handler(push);
            }
            if (_options.AcknowledgeDelivery && push.DeliveredAckDelay() is var delay && delay > TimeSpan.Zero)
            {
                // Asked by the server (a large send): acknowledged later, without holding up the pushes behind it.
                _ = AckDeliveredLater(push.Id, delay);
            }
            else if (_options.AcknowledgeDelivery && _connection?.State == HubConnectionState.Connected)
            {
                await _connection.InvokeAsync("Ack", push.Id, "delivered");
            }
        }
        finally
        {
            _deliverGate.Release();
        }
    }

    /// <summary>A lost acknowledgement costs nothing: the push stays pending and the next Sync brings it again.</summary>
    private async Task AckDeliveredLater(string pushId, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay);
            if (_connection?.State == HubConnectionState.Connected)
            {
                await _connection.InvokeAsync("Ack", pushId, "delivered");
            }
        }
        catch (Exception e)
        {
            HandlerFailed?.Invoke(e);
        }
    }

    private async Task PumpLivePushes()
    {
        await foreach (var push in _live.Reader.ReadAllAsync())
        {
            try
            {
                await OnPush(push);
            }
            catch (Exception e)
            {
                HandlerFailed?.Invoke(e);
            }
        }
    }

    private static string Snake<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
