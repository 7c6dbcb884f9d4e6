namespace Dispatch.Media.Sip.Messages;

/// <summary>One header line: a normalised name and its unfolded, trimmed value.</summary>
public readonly record struct SipHeaderField(string Name, string Value);
