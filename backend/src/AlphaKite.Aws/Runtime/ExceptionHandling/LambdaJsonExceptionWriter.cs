using System.Net.Http.Headers;
using System.Text.Json;
using AlphaKite.Aws.Logging;

namespace AlphaKite.Aws.Runtime.ExceptionHandling;

/// <summary>The error body the Runtime API takes on /error and /init/error, as Amazon.Lambda.RuntimeSupport
/// writes it: errorType, errorMessage, stackTrace and the chain of causes (<see cref="ExceptionJson"/>).</summary>
public static class LambdaJsonExceptionWriter
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/vnd.aws.lambda.error+json");

    /// <summary>The error as a request body with the Runtime API's error content type.</summary>
    public static ByteArrayContent WriteContent(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            ExceptionJson.Write(json, error);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = ContentType;
        return content;
    }
}
