namespace Dispatch.Contracts.Tasks;

/// <summary>
/// The six stages of the closed loop (闭环管理, DOMAIN.md) plus the end state. A task moves through them
/// only by the transitions of the task transition table.
/// </summary>
public enum TaskStage
{
    /// <summary>信息收集: reported, not yet checked.</summary>
    Collection,
    /// <summary>源头发现: checked and confirmed as a real matter, waiting to be handed out.</summary>
    Discovery,
    /// <summary>分流交办: handed to a unit or a worker, waiting to be accepted.</summary>
    Assignment,
    /// <summary>分级办理: accepted and being handled at the current level.</summary>
    Handling,
    /// <summary>结果反馈: the handler reported the result; waiting for the resident's rating.</summary>
    Feedback,
    /// <summary>督查考核: rated; a supervisor reviews, returns it for rework or closes it.</summary>
    Supervision,
    /// <summary>办结: closed (or dismissed as not a matter); nothing more may happen.</summary>
    Closed,
}
