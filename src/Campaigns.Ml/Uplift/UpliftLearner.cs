namespace Campaigns.Ml.Uplift;

public enum UpliftLearner { Auto, S, T, X, DR, Neural }
