namespace Dispatch.Contracts.Org;

/// <summary>
/// The roles a person holds in a unit: the "1+2+N" of a grid (one chief, two grid workers,
/// N assisting members) plus the command-center roles. A person may hold several, in several units.
/// </summary>
public enum WorkerRole
{
    /// <summary>网格长: leads one grid.</summary>
    GridChief,
    /// <summary>专职网格员.</summary>
    FullTimeGridWorker,
    /// <summary>兼职网格员.</summary>
    PartTimeGridWorker,
    /// <summary>单元长: heads a building unit or villager group.</summary>
    UnitHead,
    /// <summary>党员中心户.</summary>
    PartyMemberHousehold,
    /// <summary>流动网格员: couriers and delivery riders.</summary>
    MobileGridWorker,
    /// <summary>红色合伙人: volunteers.</summary>
    Volunteer,
    /// <summary>下沉执法力量: police, market and enforcement officers sunk into grids.</summary>
    SunkOfficer,
    /// <summary>调度员: sits at a command center.</summary>
    Dispatcher,
    /// <summary>镇街领导 / 市领导.</summary>
    Leader,
}
