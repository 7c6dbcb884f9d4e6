using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Gateway.Auth;

/// <summary>Issues the JWTs that the REST API and the hubs accept.</summary>
public sealed class TokenIssuer(SigningKeyStore keys, TimeProvider clock)
{
    public const string Issuer = "dispatch";
    public const string Audience = "dispatch";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public IssuedToken Issue(Identity who)
    {
        var now = clock.GetUtcNow();
        var claims = new List<Claim>
        {
            new(DispatchClaims.Login, who.Login),
            new(DispatchClaims.Role, who.Role),
        };
        if (who.WorkerId is not null)
        {
            claims.Add(new Claim(DispatchClaims.WorkerId, who.WorkerId));
        }
        claims.AddRange(who.Scope.Select(code => new Claim(DispatchClaims.Scope, code)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.UtcDateTime,
            IssuedAt = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, now + Lifetime, who.Role, who.WorkerId, who.Scope);
    }
}

/// <summary>Who a login turned out to be.</summary>
public sealed record Identity(string Login, string Role, string? WorkerId, IReadOnlyList<string> Scope);

/// <summary>The login response body.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, string Role, string? WorkerId, IReadOnlyList<string> Scope);
