using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Campaigns.Web.Tests.Infrastructure;

/// <summary>A Hangfire client that hands out ids and runs nothing: for tests about starting job runs, not running them.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public string Create(Job job, IState state) => Guid.NewGuid().ToString();
    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
