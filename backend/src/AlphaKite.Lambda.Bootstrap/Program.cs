using System.Collections;
using AlphaKite.Aws.Json;
using AlphaKite.Aws.Logging;
using AlphaKite.Aws.Metrics;
using AlphaKite.Aws.Runtime;
using AlphaKite.Aws.Runtime.Bootstrap;
using AlphaKite.Aws.Runtime.Client;
using AlphaKite.Aws.Secrets;
using AlphaKite.Core.Ticks;
using AlphaKite.Lambda;
using AlphaKite.Lambda.Bootstrap;
using AlphaKite.Schwab.Http;

// Composition root of `bootstrap`, the Lambda custom runtime (provided.al2023, Native AOT), and the
// only reader of environment variables. Everything built here lives for the whole process, so warm
// invocations reuse connections, the SSM secrets and the cached Schwab token.
var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
var clock = TimeProvider.System;
var log = new JsonLog(Console.Out, LevelOrDefault(environment.GetValueOrDefault("LOG_LEVEL")), clock);
var heapBytes = LambdaMemory.ApplyHeapLimit(int.TryParse(environment.GetValueOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), out var mb) ? mb : null);
log.Debug("gc heap limit", new LogField("heapLimitBytes", heapBytes));

if (environment.GetValueOrDefault("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
{
    log.Error("AWS_LAMBDA_RUNTIME_API is not set: bootstrap runs inside Lambda or against a Runtime API emulator; run `alphakite invoke` locally");
    return 1;
}

using var runtimeHttp = HttpClients.Create(Timeout.InfiniteTimeSpan);
var runtime = new RuntimeApiClient(runtimeHttp, runtimeApi, clock);
Handler handler;
// Lambda caps init at 10 s; fail with a message before it kills us without one, naming the step
// that was waiting (the network call a hung endpoint holds up), not just "operation canceled".
var initBudgetTime = TimeSpan.FromSeconds(8);
using var initBudget = new CancellationTokenSource(initBudgetTime);
var initStep = "reading the settings";
try
{
    handler = await CreateHandlerAsync(LambdaSettings.Parse(environment), initBudget.Token);
}
catch (Exception e)
{
    var reported = e is OperationCanceledException && initBudget.IsCancellationRequested
        ? new TimeoutException($"init took longer than {initBudgetTime.TotalSeconds:0} s while {initStep}", e)
        : e;
    log.Error("initialization failed", new LogField("error", reported));
    try
    {
        await runtime.ReportInitErrorAsync(reported, CancellationToken.None);
    }
    catch (Exception report) when (report is HttpRequestException or RuntimeApiException)
    {
        log.Error("could not report the initialization error", new LogField("error", report));
    }

    return 1;
}

return await new LambdaBootstrap(runtime, clock).RunAsync((invocation, invocationLog, ct) => handler.HandleAsync(invocation.Body, invocation.RequestId, invocationLog, ct), log, CancellationToken.None);

async Task<Handler> CreateHandlerAsync(LambdaSettings settings, CancellationToken cancellationToken)
{
    var awsHttp = HttpClients.Create(TimeSpan.FromSeconds(10));
    var schwabHttp = SchwabHttp.CreateClient();
    var ssm = new AwsJsonClient(awsHttp, settings.Credentials, settings.Region, "ssm", settings.AwsEndpointUrl, clock);

    initStep = $"calling SSM GetParameters at {ssm.Endpoint}";
    var values = await new ParameterStore(ssm).GetAsync([settings.AppKeyParameter, settings.AppSecretParameter, settings.DatabaseUrlParameter], cancellationToken);
    initStep = "building the Schwab and PostgreSQL clients";
    var secrets = new LambdaSecrets(values[settings.AppKeyParameter], values[settings.AppSecretParameter], values[settings.DatabaseUrlParameter]);
    var adapters = Adapters.Create(settings, secrets, schwabHttp, TokenStoreSettings.Create(settings, awsHttp, clock), clock,
        e => log.Warn("could not save the refreshed Schwab token; the run goes on with it and the next run saves it again", new LogField("error", e)));
    var tick = new Tick(clock, adapters.Calendar, adapters.Tokens, adapters.MarketData, adapters.Store,
        marketHours: new MarketHoursCheck(adapters.MarketHours, clock));
    log.Info("initialized", new LogField("environment", settings.Environment), new LogField("tickers", settings.Tickers),
        new LogField("memoryMb", settings.MemorySizeMb), new LogField("heapLimitBytes", heapBytes));
    return new Handler(tick, adapters.Tokens, settings.Tickers, new EmfMetrics(Console.Out), clock, settings.FunctionName);
}

static LogLevel LevelOrDefault(string? text)
{
    try
    {
        return JsonLog.ParseLevel(text);
    }
    catch (ArgumentException)
    {
        // LambdaSettings.Parse reports the bad value as an init error.
        return LogLevel.Information;
    }
}
