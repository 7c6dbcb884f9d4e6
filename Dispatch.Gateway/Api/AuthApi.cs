using System.Security.Claims;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Problems;

namespace Dispatch.Gateway.Api;

/// <summary><c>/api/auth</c>: log in for a token; see who the token says you are.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("auth");
        group.MapPost("/login", Login).AllowAnonymous();
        group.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Login(LoginRequest? request, LoginService logins)
    {
        if (string.IsNullOrWhiteSpace(request?.Login) || string.IsNullOrEmpty(request.Password))
        {
            return ProblemResults.Invalid("Both 'login' and 'password' are required.");
        }
        var token = await logins.Login(request.Login, request.Password);
        return token is null
            ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login failed", detail: "Unknown login or wrong password.")
            : Results.Ok(token);
    }

    private static MeResponse Me(ClaimsPrincipal user) =>
        new(user.FindFirst(DispatchClaims.Login)?.Value ?? "", user.RoleOf(), user.WorkerIdOf(), user.ScopeOf());
}

public sealed record LoginRequest(string? Login, string? Password);

public sealed record MeResponse(string Login, string Role, string? WorkerId, IReadOnlyList<string> Scope);
