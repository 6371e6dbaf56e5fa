namespace AlphaKite.Postgres;

/// <summary>One embedded schema step, <c>Migrations/NNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public override string ToString() => $"{Version:D3}_{Name}";
}
