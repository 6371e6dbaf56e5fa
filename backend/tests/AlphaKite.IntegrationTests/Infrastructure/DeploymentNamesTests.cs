using AlphaKite.Cli.Doctor;

namespace AlphaKite.IntegrationTests.Infrastructure;

/// <summary>The doctor's copy of the naming rule against infrastructure/locals.tf (prod, with the defaults);
/// DoctorAwsTests finds every suffixed name of a staging stack the real Terraform applied.</summary>
[Category("Integration")]
public class DeploymentNamesTests
{
    [Test]
    public void Prod_EveryName_AsLocalsTfResolvesIt()
    {
        var configuration = TerraformConfiguration.Load();
        string Local(string member) => configuration.Resolve($"${{local.names.{member}}}");
        var names = new DeploymentNames("prod");

        names.Function.Should().Be(Local("function"));
        names.TokenSecret.Should().Be(Local("token_secret"));
        names.ParameterPrefix.Should().Be(Local("parameter_prefix"));
        names.ScheduleGroup.Should().Be(Local("schedule_group"));
        names.Alarms.Should().BeEquivalentTo(
            new[] { "alarm_no_data", "alarm_errors", "alarm_refresh_token", "alarm_data_lag", "alarm_schedule_drops", "alarm_closeout" }.Select(Local));
        names.Parameters.Should().BeEquivalentTo(
            configuration.Locals()["parameter_names"].GetString()!.Split('"').Where(s => s.Contains("schwab") || s.Contains("database")).Select(n => names.ParameterPrefix + n));
    }

    [Test]
    public void TfVars_TheExampleFile_ReadsWithTheDefaultsTerraformUses()
    {
        var settings = DeploymentSettings.From(TfVars.Load(RepositoryRoot.Combine("terraform.tfvars.example")));

        settings.Should().BeEquivalentTo(new DeploymentSettings("prod", "us-east-1", ["QQQ"], "secretsmanager"));
    }
}
