using System.Text.Encodings.Web;
using System.Text.Json;

namespace AlphaKite.Aws;

/// <summary>How our stdout JSON (logs, EMF, error reports) is written: one line, and without HTML
/// escaping (it is never embedded in a page), so a backtick stays a backtick in CloudWatch.</summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
}
