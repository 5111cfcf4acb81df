using System.CommandLine;
using Avro.Codegen.Cli.Shared;

namespace Avro.Codegen.Cli.Tests;

public class CliRunnerTests
{
    [Fact]
    public void AnExceptionInAVerbIsOneLineAndExit2NeverAStackTrace()
    {
        var boom = new Command("boom");
        boom.SetAction((Func<ParseResult, int>)(_ => throw new InvalidOperationException("something broke")));
        var root = new RootCommand { boom };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.Run(root, new[] { "boom" }, output, error);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal("avro-codegen: error: internal error (InvalidOperationException): something broke", error.ToString().Trim());
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void AVerbsOwnExitCodeIsReturned()
    {
        var no = new Command("no");
        no.SetAction(_ => ExitCodes.No);
        Assert.Equal(1, CliRunner.Run(new RootCommand { no }, new[] { "no" }, new StringWriter(), new StringWriter()));
    }
}
