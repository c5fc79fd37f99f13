// One emitted method per durable function of the app, the way the Functions host builds script functions
// with Reflection.Emit (azure-functions-host src/WebJobs.Script/Description/FunctionGenerator.cs). The
// trigger parameter is a `string`: that is what makes the extension treat the function as out-of-proc and
// hand it the JSON context (real-extension.md §1, OrchestrationTriggerAttributeBindingProvider.cs).
using System.Reflection;
using System.Reflection.Emit;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Newtonsoft.Json.Linq;

namespace RealExtension;

public sealed record DurableFunction(string Name, string Kind);

public static class StubEmitter
{
    public static Type Emit(IReadOnlyList<DurableFunction> functions)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("AppFunctions"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("AppFunctions").DefineType("AppFunctions", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var forward = typeof(WorkerForwarder).GetMethod(nameof(WorkerForwarder.Forward))!;
        var functionName = typeof(FunctionNameAttribute).GetConstructor([typeof(string)])!;
        for (var i = 0; i < functions.Count; i++)
        {
            var fn = functions[i];
            var trigger = fn.Kind switch
            {
                "orchestration" => typeof(OrchestrationTriggerAttribute),
                "activity" => typeof(ActivityTriggerAttribute),
                _ => throw new ArgumentException($"'{fn.Name}': only orchestrations and activities run on the extension, not {fn.Kind}."),
            };
            var method = type.DefineMethod($"F{i}", MethodAttributes.Public | MethodAttributes.Static, typeof(Task<JToken>), [typeof(string)]);
            method.SetCustomAttribute(new CustomAttributeBuilder(functionName, [fn.Name]));
            method.DefineParameter(1, ParameterAttributes.None, "payload").SetCustomAttribute(new CustomAttributeBuilder(trigger.GetConstructor(Type.EmptyTypes)!, []));
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldstr, fn.Kind);
            il.Emit(OpCodes.Ldstr, fn.Name);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, forward);
            il.Emit(OpCodes.Ret);
        }
        return type.CreateType();
    }
}
