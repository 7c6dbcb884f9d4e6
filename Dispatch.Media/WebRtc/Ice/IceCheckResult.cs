namespace Dispatch.Media.WebRtc.Ice;

/// <summary>What <see cref="IceLiteResponder.HandleStun"/> did with a datagram.</summary>
public enum IceCheckResult
{
    /// <summary>A success response was written.</summary>
    Success,
    /// <summary>400 written: not a usable Binding request (missing USERNAME, MESSAGE-INTEGRITY or role).</summary>
    BadRequest,
    /// <summary>401 written: USERNAME does not name our current credentials, or MESSAGE-INTEGRITY fails.</summary>
    Unauthorized,
    /// <summary>420 written with UNKNOWN-ATTRIBUTES.</summary>
    UnknownAttribute,
    /// <summary>487 written: the peer also claims the controlled role (RFC 8445 §7.3.1.1).</summary>
    RoleConflict,
    /// <summary>Nothing written: not STUN, bad FINGERPRINT, not a request, or consent already expired.</summary>
    Ignored,
}
