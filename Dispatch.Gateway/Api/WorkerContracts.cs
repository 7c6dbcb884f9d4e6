using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Api;

/// <summary>Body of <c>POST /api/workers</c> and <c>PUT /api/workers/{id}</c>.</summary>
/// <param name="Password">Optional: creates or resets the login named by the phone number.</param>
public sealed record WorkerRequest(
    string? Id,
    string? Name,
    string? Phone,
    IReadOnlyList<AssignmentDto>? Assignments,
    bool? OnDuty,
    string? Password);

public sealed record DutyRequest(bool? OnDuty);

public sealed record SipDeviceRequest(string? DeviceId, string? Username, string? Password);

public sealed record WorkerResponse(
    string Id,
    string Name,
    string Phone,
    bool OnDuty,
    IReadOnlyList<AssignmentDto> Assignments,
    IReadOnlyList<string> SipUsernames,
    DateTimeOffset UpdatedAt)
{
    public static WorkerResponse From(WorkerView view) => new(
        view.Definition.Id,
        view.Definition.Name,
        view.Definition.Phone,
        view.Definition.OnDuty,
        view.Definition.Assignments.Select(a => new AssignmentDto(a.UnitCode, RoleNames.Of(a.Role))).ToArray(),
        view.SipUsernames,
        view.UpdatedAt);
}

public sealed record PlacementResponse(string WorkerId, string Silo);
