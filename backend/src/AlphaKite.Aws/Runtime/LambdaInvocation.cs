namespace AlphaKite.Aws.Runtime;

/// <summary>One event handed out by the Lambda Runtime API.</summary>
/// <param name="Deadline">When Lambda kills the invocation (Lambda-Runtime-Deadline-Ms).</param>
/// <param name="TraceId">X-Ray trace header, or null.</param>
/// <param name="Body">The event JSON as sent.</param>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string FunctionArn, string? TraceId, string Body);
