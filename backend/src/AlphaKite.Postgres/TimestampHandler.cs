using System.Data.Common;
using Dapper;

namespace AlphaKite.Postgres;

/// <summary>
/// Reads <c>timestamptz</c> as a UTC <see cref="DateTimeOffset"/> for Dapper.AOT. Npgsql reports the
/// column's type as <see cref="DateTime"/> but serves <see cref="DateTimeOffset"/> on request; without
/// this handler the generated mapper sees the mismatch and falls back to <c>Convert.ChangeType</c>,
/// which cannot turn a DateTime into a DateTimeOffset.
/// </summary>
public sealed class TimestampHandler : DbValueHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(DbDataReader reader, int ordinal, int token)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    /// <summary>A raw value from ADO.NET (an output parameter): Npgsql's UTC DateTime.</summary>
    protected override DateTimeOffset Parse(object? value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"cannot read {value?.GetType().Name ?? "null"} as a timestamptz"),
    };

    // Npgsql writes timestamptz only from UTC offsets.
    protected override void SetValueCore(DbParameter parameter, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Value = value.ToUniversalTime();
    }
}
