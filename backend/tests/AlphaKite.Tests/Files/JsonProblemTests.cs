using System.Text.Json;
using AlphaKite.Core.Calendar;
using AlphaKite.Core.Files;

namespace AlphaKite.Tests.Files;

public class JsonProblemTests
{
    // Each row: a document the deserializer refuses, and the phrase a user reads (hand-written).
    [TestCase("", "is empty")]
    [TestCase(" \n", "is empty")]
    [TestCase("[{\"date\": \"2026-12-24\"", "is cut off: it ends before the JSON does (an object, array or string is not closed)")]
    [TestCase("[{\"date\": \"2026-12", "is cut off: it ends before the JSON does (an object, array or string is not closed)")]
    [TestCase("[{\"date\": 2026-12-24}]", "is not JSON: unexpected text at line 1, column 15")]
    [TestCase("[]\nx", "is not JSON: unexpected text at line 2, column 1")]
    [TestCase("{\"date\": \"2026-12-24\"}", "holds an object at the top level, which is the wrong type")]
    [TestCase("[1]", "has a number at [0], which is the wrong type")]
    [TestCase("[{\"date\": 5}]", "has a number at [0].date, which is the wrong type")]
    [TestCase("[{\"date\": \"2026-12-24\", \"closes\": \"13:00\"}]", "has a member \"closes\" in [0] that is not one of the expected fields")]
    public void Describe_RefusedDocument_SaysWhatIsWrongInOurWords(string json, string expected)
    {
        var error = Refusal(json);

        var phrase = JsonProblem.Describe(json, error);

        phrase.Should().Be(expected);
        phrase.Should().NotContain("isFinalBlock").And.NotContain("could not be converted").And.NotContain("AlphaKite.");
    }

    private static JsonException Refusal(string json)
    {
        try
        {
            CalendarOverrides.Parse(json, "test");
        }
        catch (CalendarOverrideException e) when (e.InnerException is JsonException inner)
        {
            return inner;
        }

        throw new AssertionException($"'{json}' was accepted");
    }
}
