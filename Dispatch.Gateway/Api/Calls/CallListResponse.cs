using Dispatch.Gateway.Calls;

namespace Dispatch.Gateway.Api.Calls;

/// <summary>One page of <c>GET /api/calls</c>: newest first; <paramref name="Total"/> counts every match.</summary>
public sealed record CallListResponse(IReadOnlyList<CallView> Calls, int Total, int Offset, int Limit);
