using System.Text.RegularExpressions;
using Dispatch.Contracts.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>Checks what a hub caller sent; every refusal names the fault and what to send instead.</summary>
internal static partial class HubInput
{
    public static string DeviceId(string? raw, string connectionId)
    {
        if (string.IsNullOrEmpty(raw))
        {
            // No device id: the connection is its own device and cannot resume a previous one's inbox position.
            return "connection-" + connectionId;
        }
        return DeviceIdPattern().IsMatch(raw)
            ? raw
            : throw new HubException($"Query parameter 'device' must be 1-64 letters, digits, '-', '_' or '.', not '{Truncate(raw)}'.");
    }

    public static DeviceKind DeviceKind(string? raw) => raw switch
    {
        null or "" or "web" => Contracts.Realtime.DeviceKind.Web,
        "app" => Contracts.Realtime.DeviceKind.App,
        _ => throw new HubException($"Query parameter 'kind' must be 'web' or 'app', not '{Truncate(raw)}'."),
    };

    public static ReceiptKind ReceiptKind(string? raw) => raw switch
    {
        "delivered" => Contracts.Realtime.ReceiptKind.Delivered,
        "read" => Contracts.Realtime.ReceiptKind.Read,
        "accepted" => Contracts.Realtime.ReceiptKind.Accepted,
        "confirmed" => Contracts.Realtime.ReceiptKind.Confirmed,
        _ => throw new HubException($"Receipt kind must be 'delivered', 'read', 'accepted' or 'confirmed', not '{Truncate(raw)}'."),
    };

    public static DeviceActivity Activity(string? raw) => raw switch
    {
        "available" => DeviceActivity.Available,
        "busy" => DeviceActivity.Busy,
        "in_call" => DeviceActivity.InCall,
        _ => throw new HubException($"Activity must be 'available', 'busy' or 'in_call', not '{Truncate(raw)}'."),
    };

    public static string Required(string? raw, string name) => string.IsNullOrWhiteSpace(raw)
        ? throw new HubException($"'{name}' is required.")
        : raw.Length > 128 ? throw new HubException($"'{name}' is longer than 128 characters.") : raw;

    private static string Truncate(string? raw) => raw is null ? "null" : raw.Length <= 40 ? raw : raw[..40] + "…";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex DeviceIdPattern();
}
