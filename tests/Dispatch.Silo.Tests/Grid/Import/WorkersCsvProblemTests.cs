namespace Dispatch.Silo.Tests.Grid.Import;

public class WorkersCsvProblemTests
{
    private static void FailsWithWorkerLine(int line, string text, params string[] messages)
    {
        var tree = new SmallTree();
        tree.ReplaceWorkerLine(line, text);
        ImportAssert.Fails(tree.Import(), messages);
    }

    [Fact]
    public void A_bad_phone_is_named() => FailsWithWorkerLine(3, "W2,李娜,1380000000x,false,",
        "workers.csv line 3: phone '1380000000x' is not an 11-digit mobile number: 1, then 3-9, then 9 digits");

    [Fact]
    public void A_phone_used_twice_names_the_first_worker() => FailsWithWorkerLine(3, "W2,李娜,13800000001,false,",
        "workers.csv line 3: phone '13800000001' is already used by worker 'W1' on line 2");

    [Fact]
    public void A_duplicate_id_names_the_first_line() => FailsWithWorkerLine(3, "W1,李娜,13800000002,false,",
        "workers.csv line 3: id 'W1' is already defined on line 2");

    [Fact]
    public void An_unknown_role_lists_the_known_ones() => FailsWithWorkerLine(2, "W1,王伟,13800000001,true,C-01-01-001:boss",
        "workers.csv line 2: role 'boss' in assignment 'C-01-01-001:boss' is not one of grid_chief, full_time_grid_worker, " +
        "part_time_grid_worker, unit_head, party_member_household, mobile_grid_worker, volunteer, sunk_officer, dispatcher, leader");

    [Fact]
    public void An_assignment_to_an_unknown_unit_is_named() => FailsWithWorkerLine(2, "W1,王伟,13800000001,true,C-01-01-009:grid_chief",
        "workers.csv line 2: assignment 'C-01-01-009:grid_chief' names unit 'C-01-01-009', which is not a unit in this import or the existing tree");

    [Fact]
    public void A_malformed_assignment_is_named() => FailsWithWorkerLine(2, "W1,王伟,13800000001,true,C-01-01-001",
        "workers.csv line 2: assignment 'C-01-01-001' is not unitCode:role");

    [Fact]
    public void A_repeated_assignment_is_named() => FailsWithWorkerLine(2, "W1,王伟,13800000001,true,C-01:leader;C-01:leader",
        "workers.csv line 2: assignment 'C-01:leader' is listed twice");

    [Fact]
    public void On_duty_must_be_true_or_false() => FailsWithWorkerLine(2, "W1,王伟,13800000001,yes,C-01:leader",
        "workers.csv line 2: on_duty 'yes' is not true or false");

    [Fact]
    public void Empty_id_and_name_are_named() => FailsWithWorkerLine(2, ",,13800000001,true,",
        "workers.csv line 2: id is empty",
        "workers.csv line 2: name is empty");

    [Fact]
    public void A_worker_may_hold_several_roles_in_several_units_or_none_yet()
    {
        var tree = new SmallTree();
        tree.ReplaceWorkerLine(3, "W2,李娜,13800000002,FALSE,");

        var result = tree.Import();

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Empty(result.Snapshot!.Workers[1].Assignments);
    }
}
