using AlphaKite.Cli.Doctor;

namespace AlphaKite.Tests.Cli;

public class TfVarsTests
{
    [Test]
    public void Parse_DocumentedForms_ReadsEachValue()
    {
        var tfvars = TfVars.Parse("""
            # comment
            aws_region  = "eu-west-1"   # trailing comment
            environment = "staging" // other comment style
            /* a block
               comment */
            tickers = [
              "SPY",   # first
              "BRK.B",
            ]
            memory_size   = 256
            alert_email   = null
            escaped       = "a \"quoted\" word"
            empty_list    = []
            enabled       = true
            """, "test.tfvars");

        tfvars.Text("aws_region", "us-east-1").Should().Be("eu-west-1");
        tfvars.Text("environment", "prod").Should().Be("staging");
        tfvars.List("tickers", []).Should().Equal("SPY", "BRK.B");
        tfvars["memory_size"].Should().Be(256m);
        tfvars.Has("alert_email").Should().BeTrue();
        tfvars["alert_email"].Should().BeNull();
        tfvars.Text("escaped", "").Should().Be("a \"quoted\" word");
        tfvars.List("empty_list", ["x"]).Should().BeEmpty();
        tfvars["enabled"].Should().Be(true);
        tfvars.Text("default_ticker", "QQQ").Should().Be("QQQ", "an absent variable takes Terraform's default");
    }

    [TestCase("tags = { a = \"b\" }", "line 1: cannot read the value of tags")]
    [TestCase("x = \"a\"\npolicy = <<EOT\nhi\nEOT", "line 2: cannot read the value of policy")]
    [TestCase("name = \"${var.environment}-x\"", "line 1: \"${...}\" interpolation is not supported")]
    [TestCase("tickers = [\"SPY\"", "line 1: the list of tickers has no closing ']'")]
    [TestCase("tickers = [SPY]", "line 1: cannot read the value of tickers")]
    [TestCase("a = \"1\"\na = \"2\"", "line 2: a is set twice")]
    [TestCase("region \"us-east-1\"", "line 1: expected '=' after region")]
    [TestCase("a = \"x\" \"y\"", "line 1: unexpected '\"' after the value of a")]
    [TestCase("a = \"open", "line 1: expected a closing '\"'")]
    public void Parse_WhatItCannotRead_SaysWhereAndWhat(string text, string expected)
    {
        var act = () => TfVars.Parse(text, "infrastructure/terraform.tfvars");

        act.Should().Throw<TfVarsException>().WithMessage($"infrastructure/terraform.tfvars {expected}*");
    }

    [Test]
    public void DeploymentSettings_WrongTypeAndUnknownTokenStore_NamedInOurWords()
    {
        var wrongType = () => DeploymentSettings.From(TfVars.Parse("tickers = \"SPY\"", "t"));
        var unknownStore = () => DeploymentSettings.From(TfVars.Parse("token_store = \"dynamodb\"", "t"));

        wrongType.Should().Throw<TfVarsException>().WithMessage("tickers in terraform.tfvars must be a list of strings*");
        unknownStore.Should().Throw<TfVarsException>().WithMessage("token_store in terraform.tfvars must be \"secretsmanager\" or \"ssm\", got \"dynamodb\"");
    }

    [Test]
    public void DeploymentSettings_DefaultTickerRepeatedInTickers_EachOnceDefaultFirst()
    {
        var settings = DeploymentSettings.From(TfVars.Parse("default_ticker = \"SPY\"\ntickers = [\"QQQ\", \"SPY\", \"QQQ\"]", "t"));

        settings.Tickers.Should().Equal("SPY", "QQQ");
        settings.Environment.Should().Be("prod");
        settings.Region.Should().Be("us-east-1");
        settings.TokenStore.Should().Be("secretsmanager");
    }
}
