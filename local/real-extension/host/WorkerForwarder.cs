// Sends one invocation to the Node worker (local/real-extension/worker.ts) and maps its answer the way the
// Functions host maps a worker's InvocationResponse: a return value as JSON parsed with DateParseHandling.None
// (azure-functions-host GrpcMessageConversionExtensions.cs), a failure as the host's RpcException text, which
// is the only shape the extension reads the friendly message and $OutOfProcData$ from
// (OutOfProcExceptionHelpers.cs, TaskActivityShim.cs; host src/WebJobs.Script/Workers/Rpc/RpcException.cs).
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RealExtension;

public static class WorkerForwarder
{
    // Activities run for seconds; the longest allowed (functionTimeout) is the host's concern, not ours.
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    public static Uri WorkerUrl { get; set; } = new("http://127.0.0.1:0/");

    public static async Task<JToken> Forward(string kind, string name, string payload)
    {
        using var body = new StringContent(payload ?? "", Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var url = new Uri(WorkerUrl, $"{kind}/{Uri.EscapeDataString(name)}");
        using var response = await Http.PostAsync(url, body).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return Parse(text);
        var failure = response.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity ? (JObject)Parse(text) : null;
        var message = failure?.Value<string>("message") ?? $"worker answered {(int)response.StatusCode}: {text}";
        var stack = failure?.Value<string>("stack") ?? "";
        throw new WorkerFailure($"Result: Failure\nException: {message}\nStack: {stack}");
    }

    static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}

/// <summary>Stands for the host's RpcException: same message format, nothing else is read from it.</summary>
public sealed class WorkerFailure(string message) : Exception(message);
