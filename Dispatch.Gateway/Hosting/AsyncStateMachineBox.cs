using System.Reflection;
using System.Runtime.CompilerServices;

namespace Dispatch.Gateway.Hosting;

/// <summary>
/// The runtime's box of one of our async methods once it first awaits something unfinished
/// (<c>AsyncTaskMethodBuilder&lt;TResult&gt;.AsyncStateMachineBox&lt;TStateMachine&gt;</c>, internal to the runtime): a
/// generic type over our state machine, so its methods (<c>MoveNext</c>, the execution-context callback, …) compile at
/// the first await of each async method, which for the send path is the first send after a start. Found by reflection;
/// if a later runtime renames these types, nothing is found and those methods compile on first use as before.
/// </summary>
internal static class AsyncStateMachineBox
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type? Box = typeof(AsyncTaskMethodBuilder<>).GetNestedType("AsyncStateMachineBox`1", BindingFlags.NonPublic);

    /// <summary>What an async method without a result completes its task with.</summary>
    private static readonly Type? NoResult = typeof(Task).Assembly.GetType("System.Threading.Tasks.VoidTaskResult");

    /// <summary>The box's own methods and the builder's <c>GetStateMachineBox</c> for this state machine, or none.</summary>
    public static IEnumerable<MethodInfo> MethodsFor(Type stateMachine)
    {
        if (Box is null || ResultOf(stateMachine) is not { } result)
        {
            return [];
        }
        var methods = Box.MakeGenericType(result, stateMachine).GetMethods(Declared).Where(m => !m.IsAbstract && !m.ContainsGenericParameters);
        var getBox = typeof(AsyncTaskMethodBuilder<>).MakeGenericType(result).GetMethod("GetStateMachineBox", Declared);
        return getBox is { IsGenericMethodDefinition: true } ? methods.Append(getBox.MakeGenericMethod(stateMachine)) : methods;
    }

    /// <summary>
    /// The result type of the task-like that the state machine's builder makes (its <c>&lt;&gt;t__builder</c> field):
    /// the builders for <c>Task</c>, <c>ValueTask</c> and <c>async void</c> all box with the runtime's task builder.
    /// </summary>
    private static Type? ResultOf(Type stateMachine)
    {
        var builder = stateMachine.GetField("<>t__builder", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.FieldType;
        if (builder is null)
        {
            return null;
        }
        if (builder == typeof(AsyncTaskMethodBuilder) || builder == typeof(AsyncValueTaskMethodBuilder) || builder == typeof(AsyncVoidMethodBuilder))
        {
            return NoResult;
        }
        if (builder.IsGenericType && (builder.GetGenericTypeDefinition() == typeof(AsyncTaskMethodBuilder<>)
            || builder.GetGenericTypeDefinition() == typeof(AsyncValueTaskMethodBuilder<>)))
        {
            return builder.GetGenericArguments()[0];
        }
        return null;
    }
}
