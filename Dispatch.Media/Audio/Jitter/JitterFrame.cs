namespace Dispatch.Media.Audio.Jitter;

/// <summary>What <see cref="JitterBuffer.Pop"/> played: its kind, and for a frame the payload length and RTP fields.</summary>
public readonly record struct JitterFrame(JitterFrameKind Kind, int Length, ushort SequenceNumber, uint Timestamp);
