namespace Dispatch.Media.Sip.Calls;

/// <summary>A worker a call can reach and the contacts to fork to (RFC 3261 §16.6: one branch per contact).</summary>
public sealed record SipCallTarget(string WorkerId, IReadOnlyList<SipContactTarget> Contacts);
