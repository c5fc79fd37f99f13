// What the Functions host gives the extension and a plain WebJobs host does not (real-extension.md §2).
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Extensions.Logging;

namespace RealExtension;

/// <summary>
/// The extension builds every management URL from this provider (DurableTaskExtension.cs GetWebhookHandler,
/// HttpApiHandler.GetWebhookUri); without one the first client payload fails. The real host answers
/// {origin}/runtime/webhooks/durabletask?code=&lt;system key&gt; (DefaultScriptWebHookProvider.cs); here the
/// origin is the local HTTP front and `code` the same placeholder the local runtime uses.
/// </summary>
public sealed class FrontWebHookProvider(Uri origin) : IWebHookProvider
{
    public Uri GetUrl(IExtensionConfigProvider extension) => new(origin, "runtime/webhooks/durabletask?code=local");
}

public sealed class FixedTypeLocator(params Type[] types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}

/// <summary>Hands the extension's own durable-client payload out (the binding converts IDurableClient to string, DurableTaskExtension.cs).</summary>
public static class ClientPayload
{
    public static string? Last { get; private set; }

    // DF0203 flags a string client; a string is exactly what the host binds for a Node function.
    [NoAutomaticTrigger]
    [FunctionName("RealExtensionClientPayload")]
    public static void Capture([DurableClient] string client) => Last = client;
}

/// <summary>One line per entry on stderr; the harness shows them when a test fails.</summary>
public sealed class StderrLoggerProvider(LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string category) => new Logger(category, minimum);
    public void Dispose() { }

    sealed class Logger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= minimum && level != LogLevel.None;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
        {
            if (!IsEnabled(level)) return;
            var line = $"[{DateTime.UtcNow:HH:mm:ss.fff} {level}] {category}: {format(state, error)}";
            if (error != null) line += $"\n{error}";
            Console.Error.WriteLine(line);
        }
    }
}
