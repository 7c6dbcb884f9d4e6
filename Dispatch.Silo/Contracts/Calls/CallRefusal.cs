namespace Dispatch.Contracts.Calls;

/// <summary>Why the call grain refused a request; <see cref="None"/> when it was done. Nothing changes on a refusal.</summary>
public enum CallRefusal
{
    None,
    /// <summary>No call with this id was started.</summary>
    UnknownCall,
    /// <summary>The worker is not a party who may do this (not the caller, not the one ringing).</summary>
    NotYours,
    /// <summary>Answer or decline on a call that is no longer ringing (answered on another device, or ended).</summary>
    NotRinging,
    /// <summary>The call has already ended.</summary>
    Ended,
}
