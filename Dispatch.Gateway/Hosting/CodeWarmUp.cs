using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Dispatch.Gateway.Health;

namespace Dispatch.Gateway.Hosting;

/// <summary>
/// Compiles this process's own code (the gateway, silo and contracts assemblies) once the gateway is ready, on a background
/// thread, instead of method by method on the requests that first run it. The gateway compiles optimized code at
/// first call (TieredCompilationQuickJit off, docs/realtime.md), so the first send after a start spent about a
/// quarter of its time in the JIT: every async method's state machine, the grains' and the storage's code paths.
/// Only what can be compiled without knowing type arguments is: methods of generic types and generic methods are left
/// to their first call, except the async state machines' <c>Start</c>, which is generic over each of ours.
/// </summary>
/// <remarks>
/// <see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/> compiled nothing for virtual methods that return a
/// task on this runtime (measured on .NET 10.0.12), nor for the virtual methods of the runtime's async boxes, which
/// covers every grain method a caller reaches through its interface and every Orleans proxy method. Virtual methods are
/// prepared through an open-instance delegate instead (<see cref="RuntimeHelpers.PrepareDelegate"/>), which does compile
/// them: before that, the first send after a start still compiled the tracker's <c>Open</c>, the inbox's <c>Store</c>
/// and <c>Ack</c>, presence's <c>Deliver</c> and the proxies in front of them (docs/realtime.md, "Grain methods
/// compiled ahead").
/// </remarks>
internal sealed partial class CodeWarmUp(GatewayReadiness readiness, ILogger<CodeWarmUp> logger) : BackgroundService
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The runtime's shared <c>Start</c> of every async method builder; null if a later runtime renames it.</summary>
    private static readonly MethodInfo? BuilderStart = typeof(AsyncTaskMethodBuilder).Assembly
        .GetType("System.Runtime.CompilerServices.AsyncMethodBuilderCore")?.GetMethod("Start", BindingFlags.Public | BindingFlags.Static);

    private readonly TaskCompletionSource<(int Compiled, int Refused)> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many methods were compiled and how many the runtime refused, once done; for tests.</summary>
    internal Task<(int Compiled, int Refused)> Done => _done.Task;

    /// <summary>The gateway, the silo, and the grain contracts with the proxies and codecs Orleans generates into them.</summary>
    internal static Assembly[] Assemblies =>
        [typeof(CodeWarmUp).Assembly, typeof(Dispatch.Silo.StorageNames).Assembly, typeof(Dispatch.Contracts.Realtime.IInboxGrain).Assembly];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!readiness.IsReady)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            // One thread of its own, so it takes at most one core and no thread-pool thread (5 s of CPU on this
            // machine for about 4,200 methods).
            var result = await Task.Factory.StartNew(() => CompileAll(stoppingToken), stoppingToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            _done.TrySetResult(result);
        }
        catch (OperationCanceledException)
        {
            _done.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            LogNotWarmed(e.Message);
            _done.TrySetException(e);
        }
    }

    private (int Compiled, int Refused) CompileAll(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        int compiled = 0, refused = 0;
        foreach (var type in Assemblies.SelectMany(LoadableTypes))
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (type.ContainsGenericParameters || type.IsInterface)
            {
                continue;
            }
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (method.IsAbstract || method.ContainsGenericParameters || method is ConstructorInfo { IsStatic: true })
                {
                    continue;
                }
                Count(TryPrepare(() => Prepare(method)), ref compiled, ref refused);
            }
            if (BuilderStart is not null && type.IsValueType && typeof(IAsyncStateMachine).IsAssignableFrom(type))
            {
                Count(TryPrepare(() => RuntimeHelpers.PrepareMethod(BuilderStart.MethodHandle, [type.TypeHandle])), ref compiled, ref refused);
                foreach (var boxMethod in AsyncStateMachineBox.MethodsFor(type))
                {
                    Count(TryPrepare(() => Prepare(boxMethod)), ref compiled, ref refused);
                }
            }
        }
        LogWarmed(compiled, refused, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (compiled, refused);
    }

    /// <summary>Compiles one method, of one of our types or of a generic type constructed over one of ours.</summary>
    internal static void Prepare(MethodBase method)
    {
        var owner = method.DeclaringType!;
        if (method is MethodInfo { IsVirtual: true, IsStatic: false } virtualMethod && !owner.IsValueType)
        {
            // An open-instance delegate: no instance of the type is needed.
            Type[] signature = [owner, .. virtualMethod.GetParameters().Select(p => p.ParameterType), virtualMethod.ReturnType];
            RuntimeHelpers.PrepareDelegate(virtualMethod.CreateDelegate(Expression.GetDelegateType(signature)));
            return;
        }
        Type[] typeArguments = [.. owner.GenericTypeArguments, .. method.IsGenericMethod ? method.GetGenericArguments() : []];
        RuntimeHelpers.PrepareMethod(method.MethodHandle, typeArguments.Select(t => t.TypeHandle).ToArray());
    }

    private static void Count(bool prepared, ref int compiled, ref int refused)
    {
        if (prepared)
        {
            compiled++;
        }
        else
        {
            refused++;
        }
    }

    /// <summary>Some methods cannot be compiled ahead (the runtime says so with an exception); they compile on first call.</summary>
    private static bool TryPrepare(Action prepare)
    {
        try
        {
            prepare();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or TypeLoadException
            or BadImageFormatException or MissingMethodException or FileNotFoundException)
        {
            return false;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    [LoggerMessage(LogLevel.Information, "Code compiled ahead of first use: {Compiled} methods ({Refused} left to their first call) in {Ms:F0} ms")]
    private partial void LogWarmed(int compiled, int refused, double ms);

    [LoggerMessage(LogLevel.Warning, "Code not compiled ahead (it compiles on first use): {Reason}")]
    private partial void LogNotWarmed(string reason);
}
