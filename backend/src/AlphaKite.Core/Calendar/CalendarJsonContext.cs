using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaKite.Core.Calendar;

/// <summary>One entry of an overrides file or of the built-in special-sessions data, as written.</summary>
internal sealed class CalendarOverrideEntry
{
    [JsonRequired]
    public string? Date { get; set; }

    /// <summary>Required so that a forgotten "close" cannot silently mean "closed all day".</summary>
    [JsonRequired]
    public string? Close { get; set; }

    [JsonRequired]
    public string? Reason { get; set; }

    public string? Open { get; set; }

    /// <summary>Where the fact comes from; documentation only.</summary>
    public string? Source { get; set; }
}

/// <summary>Source-generated (Native AOT) serialization of calendar data.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<CalendarOverrideEntry>))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
