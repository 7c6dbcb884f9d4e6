namespace Dispatch.Contracts.Tasks;

/// <summary>What someone (or the system) does to a task; each is a row of the transition table.</summary>
public enum TaskAction
{
    /// <summary>核实: confirm a reported matter.</summary>
    Verify,
    /// <summary>不予受理: dismiss a report that is no matter (closes it).</summary>
    Dismiss,
    /// <summary>交办: hand to a unit or a worker.</summary>
    Assign,
    /// <summary>改派: hand to someone else before it was accepted.</summary>
    Reassign,
    /// <summary>接单.</summary>
    Accept,
    /// <summary>退回: the assignee cannot take it; it goes up one level.</summary>
    Reject,
    /// <summary>上报: the handler (or, on a missed deadline, the system) sends it up one level.</summary>
    Escalate,
    /// <summary>办结反馈: the handler reports the result.</summary>
    Resolve,
    /// <summary>评价: the resident's satisfaction rating is recorded.</summary>
    Rate,
    /// <summary>督办退回: the supervisor returns it for rework.</summary>
    Return,
    /// <summary>办结归档: the supervisor closes it.</summary>
    Close,
}
