namespace Dispatch.Contracts.Tasks;

/// <summary>Where a task came from.</summary>
public enum TaskSource
{
    /// <summary>网格员上报: a worker's report with photos and a place.</summary>
    WorkerReport,
    /// <summary>指挥中心派发: created by a dispatcher.</summary>
    Dispatcher,
    /// <summary>群众诉求: a resident's appeal, entered for the resident.</summary>
    ResidentAppeal,
    /// <summary>系统生成.</summary>
    System,
}
