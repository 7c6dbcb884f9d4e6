using System.Reflection;
using System.Runtime;
using System.Runtime.CompilerServices;
using Dispatch.Gateway.Hosting;

namespace Dispatch.Gateway.Tests.Hosting;

/// <summary>
/// What <see cref="CodeWarmUp"/> compiles ahead: a virtual method that returns a task (every grain method reached through
/// its interface) and the runtime's async box of each of our async methods (docs/realtime.md, "Grain methods compiled
/// ahead"). Counted with the JIT's per-thread count, so other threads' compilations do not interfere.
/// </summary>
public sealed class CodeWarmUpTests
{
    private interface IReceiver
    {
        Task Receive(string text);
    }

    // One class per case: a method is compiled once per process, whichever test gets there first.
    private sealed class ForPrepareMethod : IReceiver
    {
        public Task Receive(string text) => Task.FromResult(text.Length);
    }

    private sealed class ForWarmUp : IReceiver
    {
        public Task Receive(string text) => Task.FromResult(text.Length);
    }

    private sealed class WithAwait
    {
        public async Task<int> Wait(int milliseconds)
        {
            await Task.Delay(milliseconds);
            return milliseconds;
        }
    }

    private static int CompiledBy(Action action)
    {
        var before = JitInfo.GetCompiledMethodCount(currentThread: true);
        action();
        return (int)(JitInfo.GetCompiledMethodCount(currentThread: true) - before);
    }

    [Fact]
    public void The_runtime_prepares_nothing_for_a_virtual_method_that_returns_a_task_but_the_warm_up_compiles_it()
    {
        var plain = typeof(ForPrepareMethod).GetMethod(nameof(IReceiver.Receive))!;
        var warmed = typeof(ForWarmUp).GetMethod(nameof(IReceiver.Receive))!;

        var byPrepareMethod = CompiledBy(() => RuntimeHelpers.PrepareMethod(plain.MethodHandle));
        var byWarmUp = CompiledBy(() => CodeWarmUp.Prepare(warmed));
        var firstCallAfterPrepareMethod = CompiledBy(() => new ForPrepareMethod().Receive("plain").GetAwaiter().GetResult());
        var firstCallAfterWarmUp = CompiledBy(() => new ForWarmUp().Receive("warm").GetAwaiter().GetResult());

        // The warm-up compiles the method, so its first call has one method less to compile than the twin's.
        Assert.True(byWarmUp > byPrepareMethod, $"warm-up compiled {byWarmUp}, PrepareMethod {byPrepareMethod}");
        Assert.True(firstCallAfterWarmUp < firstCallAfterPrepareMethod,
            $"first call compiled {firstCallAfterWarmUp} after the warm-up, {firstCallAfterPrepareMethod} after PrepareMethod");
    }

    [Fact]
    public void The_async_box_of_an_async_method_is_found_and_compiled_ahead()
    {
        var stateMachine = typeof(WithAwait).GetNestedTypes(BindingFlags.NonPublic).Single(t => typeof(IAsyncStateMachine).IsAssignableFrom(t));

        var methods = AsyncStateMachineBox.MethodsFor(stateMachine).ToArray();

        Assert.Contains(methods, m => m.Name == "MoveNext" && m.GetParameters().Length == 0 && m.DeclaringType!.GenericTypeArguments.Contains(stateMachine));
        Assert.Contains(methods, m => m.Name == "GetStateMachineBox");
        Assert.True(CompiledBy(() => Array.ForEach(methods, CodeWarmUp.Prepare)) >= methods.Length / 2);
    }
}
