using AlphaKite.Core.Ticks;
using AlphaKite.Postgres;
using Npgsql;

namespace AlphaKite.Tests.Postgres;

public class PostgresSettingsTests
{
    [Test]
    public void Parse_SupabasePoolerUri_ReadsEveryPart()
    {
        var c = PostgresSettings.Parse("postgresql://postgres.abcdefghijkl:p%40ss%2Fw0rd@aws-0-us-east-1.pooler.supabase.com:6543/postgres?sslmode=require");

        var b = new NpgsqlConnectionStringBuilder(c.ConnectionString);
        b.Username.Should().Be("postgres.abcdefghijkl");
        b.Password.Should().Be("p@ss/w0rd");
        b.Host.Should().Be("aws-0-us-east-1.pooler.supabase.com");
        b.Port.Should().Be(6543);
        b.Database.Should().Be("postgres");
        b.SslMode.Should().Be(SslMode.Require);
    }

    [Test]
    public void Parse_DoubleEncodedPercent_DecodedExactlyOnce()
    {
        var c = PostgresSettings.Parse("postgres://u:p%2540x@db.example.com/app");

        new NpgsqlConnectionStringBuilder(c.ConnectionString).Password.Should().Be("p%40x");
    }

    [Test]
    public void Parse_NoPort_Defaults5432()
    {
        var c = PostgresSettings.Parse("postgres://u:pw@db.example.com/app");

        c.Port.Should().Be(5432);
        c.Database.Should().Be("app");
    }

    [Test]
    public void Parse_UnencodedAtInPassword_LastAtEndsUserInfo()
    {
        var c = PostgresSettings.Parse("postgresql://u:p@ss@db.example.com:5433/app");

        new NpgsqlConnectionStringBuilder(c.ConnectionString).Password.Should().Be("p@ss");
        c.Endpoint.Should().Be("db.example.com:5433");
    }

    [Test]
    public void Parse_OptionsParameter_PercentDecoded()
    {
        var c = PostgresSettings.Parse("postgresql://u:pw@h/db?options=-c%20search_path%3Dpublic&sslmode=verify-full");

        var b = new NpgsqlConnectionStringBuilder(c.ConnectionString);
        b.Options.Should().Be("-c search_path=public");
        b.SslMode.Should().Be(SslMode.VerifyFull);
    }

    [Test]
    public void Parse_IPv6Host_ReadsHostAndPort()
    {
        var c = PostgresSettings.Parse("postgresql://u:pw@[::1]:6000/db");

        c.Host.Should().Be("::1");
        c.Port.Should().Be(6000);
    }

    [TestCase("postgresql://u:pw@h:6543/db")]
    [TestCase("Host=h;Port=6543;Username=u;Password=pw;Database=db;Max Auto Prepare=20;No Reset On Close=false;Maximum Pool Size=50;Timeout=0")]
    public void Parse_AnyForm_EnforcesTransactionPoolerSettings(string text)
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresSettings.Parse(text).ConnectionString);

        b.MaxAutoPrepare.Should().Be(0);
        b.NoResetOnClose.Should().BeTrue();
        b.GssEncryptionMode.Should().Be(GssEncryptionMode.Disable);
        b.MaxPoolSize.Should().Be(TickOptions.Default.MaxConcurrentTickers, "one connection per ticker the tick writes at once");
        b.Timeout.Should().BeInRange(1, 60);
        b.CommandTimeout.Should().BeInRange(1, 300);
        b.KeepAlive.Should().BeGreaterThan(0);
    }

    [TestCase("postgresql://u:pw@h:6543/db?connection_limit=1", TickOptions.DefaultMaxConcurrentTickers)]
    [TestCase("Host=h;Username=u;Maximum Pool Size=100", TickOptions.DefaultMaxConcurrentTickers)]
    [TestCase("Host=h;Username=u;Maximum Pool Size=1", 1)]
    public void Parse_PoolSize_IsTheTicksParallelismAtMost(string text, int expected)
    {
        var b = new NpgsqlConnectionStringBuilder(PostgresSettings.Parse(text).ConnectionString);

        b.MaxPoolSize.Should().Be(expected);
    }

    [Test]
    public void Redacted_WithPassword_NamesEverythingButThePassword()
    {
        var c = PostgresSettings.Parse("postgresql://postgres.ref:Sup3rS3cret@pooler.example.com:6543/postgres?sslmode=require");

        c.Redacted.Should().Be("postgres.ref@pooler.example.com:6543/postgres (sslmode=Require, password ***)");
        c.ToString().Should().NotContain("Sup3rS3cret");
    }

    [TestCase("postgresql://u:Secr3tPw@h:notaport/db", "port")]
    [TestCase("postgresql://u:Secr3tPw@/db", "no host")]
    [TestCase("postgresql://u:Secr3tPw@h/db?sslmode=sometimes", "sslmode")]
    [TestCase("postgresql://u:Secr3tPw@h/db?foo=1", "unsupported parameter 'foo'")]
    [TestCase("postgresql://u:Secr3tPw@h:70000/db", "port")]
    [TestCase("Host=h;Password=Secr3tPw;Bogus Key=1", "neither")]
    [TestCase("   ", "empty")]
    [TestCase("host=h passfile=/home/me/Secr3tPw password=Secr3tPw", "unknown keyword 'passfile'")]
    [TestCase("host=h password='Secr3tPw", "unterminated quoted value of 'password'")]
    [TestCase("host=h password Secr3tPw", "without '='")]
    [TestCase("host=h port=Secr3tPw", "port")]
    [TestCase("host=h Secr3tPw=1", "unknown keyword")]
    [TestCase("host=h sslmode=Secr3tPw", "sslmode")]
    [TestCase("password=Secr3tPw", "no host")]
    [TestCase("Host=127.0.0.1 password=Secr3tPw;Port=5432", "host")]
    public void Parse_Malformed_ThrowsFormatExceptionWithoutPassword(string text, string expected)
    {
        var act = () => PostgresSettings.Parse(text);

        var error = act.Should().Throw<FormatException>().Which;
        error.Message.Should().Contain(expected);
        error.ToString().Should().NotContain("Secr3tPw");
    }

    [Test]
    public void Parse_PrismaPgbouncerFlag_Ignored()
    {
        var c = PostgresSettings.Parse("postgresql://u:pw@h:6543/postgres?pgbouncer=true&connection_limit=1");

        c.Port.Should().Be(6543);
    }

    [Test]
    public void Parse_LibpqKeywords_ReadsEveryKeyWeMap()
    {
        var c = PostgresSettings.Parse(
            "host=db.example.com port=6543 dbname=app user=writer password=hunter2secret sslmode=require connect_timeout=7 application_name=dash");

        var b = new NpgsqlConnectionStringBuilder(c.ConnectionString);
        (b.Host, b.Port, b.Database, b.Username, b.Password).Should().Be(("db.example.com", 6543, "app", "writer", "hunter2secret"));
        (b.SslMode, b.Timeout, b.ApplicationName).Should().Be((SslMode.Require, 7, "dash"));
        c.Redacted.Should().Be("writer@db.example.com:6543/app (sslmode=Require, password ***)");
    }

    [Test]
    public void Parse_LibpqQuotedValuesAndEscapes_AsLibpqReadsThem()
    {
        // libpq: single quotes allow spaces; \' and \\ escape inside or outside quotes; spaces around '=' are allowed.
        var c = PostgresSettings.Parse(@"host = 127.0.0.1   password='a b\'c\\d;e' user=it\ self dbname=''  options='-c search_path=public'");

        var b = new NpgsqlConnectionStringBuilder(c.ConnectionString);
        b.Host.Should().Be("127.0.0.1");
        b.Password.Should().Be(@"a b'c\d;e");
        b.Username.Should().Be("it self");
        b.Options.Should().Be("-c search_path=public");
        c.Port.Should().Be(5432);
    }

    [Test]
    public void Parse_LibpqHostaddr_IsWhereItConnects()
    {
        var c = PostgresSettings.Parse("hostaddr=10.1.2.3 port=5433 user=u");

        c.Endpoint.Should().Be("10.1.2.3:5433");
    }
}
