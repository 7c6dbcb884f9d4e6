namespace Dispatch.Contracts.Realtime;

/// <summary>A grain that sends pushes and wants their receipts (tracker, later tasks and notices).</summary>
public interface IPushSender : IGrainWithStringKey
{
    /// <summary>Told once or more per receipt: implementations must be idempotent.</summary>
    Task OnReceipt(PushReceipt receipt);
}
