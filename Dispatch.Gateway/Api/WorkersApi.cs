using System.Security.Claims;
using System.Security.Cryptography;
using Dispatch.Contracts.Accounts;
using Dispatch.Silo.Accounts;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;
using Dispatch.Silo.Grid;

namespace Dispatch.Gateway.Api;

/// <summary><c>/api/workers</c>: people, their assignments and duty, within the caller's scope.</summary>
public static class WorkersApi
{
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workers").WithTags("workers").RequireAuthorization();
        group.MapGet("/{id}", GetWorker);
        group.MapPost("/", CreateWorker);
        group.MapPut("/{id}", UpdateWorker);
        group.MapPut("/{id}/duty", SetDuty);
        group.MapPut("/{id}/sip-devices", SetSipDevices);
        group.MapGet("/{id}/placement", GetPlacement);
        return app;
    }

    private static async Task<IResult> GetWorker(string id, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        var worker = await grains.GetGrain<IWorkerGrain>(id).Get();
        if (worker is null)
        {
            return ProblemResults.NotFound("Worker", id);
        }
        return await scope.Covers(user, worker) ? Results.Ok(WorkerResponse.From(worker)) : OutOfScope(id);
    }

    private static async Task<IResult> CreateWorker(WorkerRequest? request, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (request is null)
        {
            return ProblemResults.Invalid("A JSON body describing the worker is required.");
        }
        var id = request.Id ?? "W" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        if (await grains.GetGrain<IWorkerGrain>(id).Get() is not null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Worker exists",
                detail: $"A worker with id '{id}' exists already; use PUT /api/workers/{id} to change it.");
        }
        return await Save(id, request, existing: null, user, grains, scope);
    }

    private static async Task<IResult> UpdateWorker(string id, WorkerRequest? request, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (request is null)
        {
            return ProblemResults.Invalid("A JSON body describing the worker is required.");
        }
        if (request.Id is not null && request.Id != id)
        {
            return ProblemResults.Invalid($"The body's id '{request.Id}' differs from the path's '{id}'.");
        }
        var existing = await grains.GetGrain<IWorkerGrain>(id).Get();
        if (existing is null)
        {
            return ProblemResults.NotFound("Worker", id);
        }
        return await Save(id, request, existing, user, grains, scope);
    }

    private static async Task<IResult> Save(string id, WorkerRequest request, WorkerView? existing, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (!user.MayManage())
        {
            return ProblemResults.Forbidden("Only dispatchers and administrators may add or change workers.");
        }
        var (definition, errors) = WorkerRequestRules.Check(id, request);
        if (definition is null)
        {
            return ProblemResults.Invalid("The worker was not saved.", errors);
        }
        if (existing is not null && !await scope.Covers(user, existing))
        {
            return OutOfScope(id);
        }
        foreach (var code in definition.Assignments.Select(a => a.UnitCode).Distinct())
        {
            if (await grains.GetGrain<IOrgUnitGrain>(code).Get() is null)
            {
                return ProblemResults.Invalid("The worker was not saved.", new Dictionary<string, string[]>
                {
                    ["assignments"] = [$"Unit '{code}' does not exist."],
                });
            }
            if (!await scope.CoversUnitCode(user, code))
            {
                return ProblemResults.Forbidden($"Unit '{code}' is outside the units your login may act on.");
            }
        }
        await grains.GetGrain<IWorkerGrain>(id).Define(definition);
        if (!string.IsNullOrEmpty(request.Password))
        {
            var login = LoginService.Normalize(definition.Phone);
            await grains.GetGrain<IAccountGrain>(login).Set(new AccountRecord(login, PasswordHasher.Hash(request.Password), id, IsAdmin: false));
        }
        var saved = WorkerResponse.From((await grains.GetGrain<IWorkerGrain>(id).Get())!);
        return existing is null ? Results.Created($"/api/workers/{id}", saved) : Results.Ok(saved);
    }

    /// <summary>Managers set anyone's duty in scope; a worker sets their own.</summary>
    private static async Task<IResult> SetDuty(string id, DutyRequest? request, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (request?.OnDuty is not { } onDuty)
        {
            return ProblemResults.Invalid("The body must be {\"onDuty\": true|false}.");
        }
        var grain = grains.GetGrain<IWorkerGrain>(id);
        var worker = await grain.Get();
        if (worker is null)
        {
            return ProblemResults.NotFound("Worker", id);
        }
        var self = user.WorkerIdOf() == id;
        if (!self && !(user.MayManage() && await scope.Covers(user, worker)))
        {
            return OutOfScope(id);
        }
        await grain.SetOnDuty(onDuty);
        return Results.Ok(WorkerResponse.From((await grain.Get())!));
    }

    /// <summary>
    /// Replaces the worker's SIP devices. Passwords are turned into HA1 hashes (RFC 7616 §3.4.2) for
    /// MD5 and SHA-256 at once and never stored.
    /// </summary>
    private static async Task<IResult> SetSipDevices(string id, SipDeviceRequest[]? request, ClaimsPrincipal user, IGrainFactory grains, OrgScope scope)
    {
        if (request is null)
        {
            return ProblemResults.Invalid("The body must be a JSON array of {deviceId, username, password}.");
        }
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Length; i++)
        {
            var d = request[i];
            if (string.IsNullOrWhiteSpace(d.DeviceId) || d.DeviceId.Length > 32)
            {
                errors[$"[{i}].deviceId"] = ["A device id is 1 to 32 characters."];
            }
            if (string.IsNullOrWhiteSpace(d.Username) || d.Username.Length > 64 || d.Username.Any(c => char.IsWhiteSpace(c) || c is ':' or '@' or '"'))
            {
                errors[$"[{i}].username"] = ["A SIP username is 1 to 64 characters without spaces, ':', '@' or '\"'."];
            }
            if (d.Password is not { Length: >= 8 })
            {
                errors[$"[{i}].password"] = ["A SIP password has at least 8 characters."];
            }
        }
        if (request.Select(d => d.Username).Distinct().Count() != request.Length)
        {
            errors["username"] = ["Each device needs its own username."];
        }
        if (errors.Count > 0)
        {
            return ProblemResults.Invalid("The SIP devices were not saved.", errors);
        }
        var grain = grains.GetGrain<IWorkerGrain>(id);
        var worker = await grain.Get();
        if (worker is null)
        {
            return ProblemResults.NotFound("Worker", id);
        }
        if (!user.MayManage() || !await scope.Covers(user, worker))
        {
            return OutOfScope(id);
        }
        await grain.SetSipDevices(request.Select(d => DigestHa1.Credential(d.DeviceId!, d.Username!, d.Password!)).ToArray());
        return Results.Ok(WorkerResponse.From((await grain.Get())!));
    }

    /// <summary>Which silo hosts the worker's grain: for operators checking placement and failover.</summary>
    private static async Task<IResult> GetPlacement(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!user.IsAdmin())
        {
            return ProblemResults.Forbidden("Only administrators may see grain placement.");
        }
        var grain = grains.GetGrain<IWorkerGrain>(id);
        if (await grain.Get() is null)
        {
            return ProblemResults.NotFound("Worker", id);
        }
        return Results.Ok(new PlacementResponse(id, await grain.GetHostSilo()));
    }

    private static IResult OutOfScope(string id) =>
        ProblemResults.Forbidden($"Worker '{id}' is outside the units your login may see or act on.");
}
