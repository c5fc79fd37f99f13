// The real Durable extension (Microsoft.Azure.WebJobs.Extensions.DurableTask, pinned in DurableHost.csproj)
// under a plain WebJobs SDK host, as the extension's own end-to-end tests run it (PlatformSpecificHelpers.
// FunctionsV2.cs: HostBuilder().ConfigureWebJobs(b => b.AddDurableTask())). Everything else comes from
// the harness (local/real-extension/harness.ts) through the environment:
//   REALEXT_FUNCTIONS     JSON file: [{ "name", "kind": "orchestration" | "activity" }], one stub each
//   REALEXT_WORKER_URL    the Node worker that runs the app's registered handlers
//   REALEXT_FRONT_ORIGIN  the local HTTP front: origin of every management URL the extension hands out
//   REALEXT_SETTINGS      JSON configuration file (AzureWebJobs:extensions:durableTask = host.json's section)
//   FUNCTIONS_WORKER_RUNTIME=node, AzureWebJobsStorage=<Azurite>; REALEXT_VERBOSE=1 logs at Information
// It prints one line `REAL_EXTENSION_READY <durable client payload>` on stdout once it serves, and stops
// on SIGTERM/Ctrl-C or when its stdin closes (so a dead harness never leaves it running).
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using RealExtension;

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new ArgumentException($"{name} is not set.");

var functions = JsonConvert.DeserializeObject<List<DurableFunction>>(File.ReadAllText(Required("REALEXT_FUNCTIONS")))!;
WorkerForwarder.WorkerUrl = new Uri(Required("REALEXT_WORKER_URL"));
var front = new Uri(Required("REALEXT_FRONT_ORIGIN"));
var verbose = Environment.GetEnvironmentVariable("REALEXT_VERBOSE") == "1";
var stubs = StubEmitter.Emit(functions);

var host = new HostBuilder()
    .ConfigureAppConfiguration(config => config.AddJsonFile(Required("REALEXT_SETTINGS")).AddEnvironmentVariables())
    .ConfigureLogging(logging => logging.AddProvider(new StderrLoggerProvider(verbose ? LogLevel.Information : LogLevel.Warning)))
    .ConfigureWebJobs(webJobs => webJobs.AddDurableTask())
    .ConfigureServices(services =>
    {
        services.AddSingleton<ITypeLocator>(new FixedTypeLocator(stubs, typeof(ClientPayload)));
        services.AddSingleton<IWebHookProvider>(new FrontWebHookProvider(front));
    })
    .Build();

await host.StartAsync();
var jobHost = host.Services.GetRequiredService<IJobHost>();
await jobHost.CallAsync("RealExtensionClientPayload", new Dictionary<string, object>());
Console.Out.WriteLine($"REAL_EXTENSION_READY {ClientPayload.Last!.ReplaceLineEndings(" ")}");
Console.Out.Flush();

var lifetime = host.Services.GetRequiredService<IApplicationLifetime>();
_ = Task.Run(() =>
{
    Console.In.ReadToEnd();
    lifetime.StopApplication();
});
await host.WaitForShutdownAsync();
host.Dispose();
