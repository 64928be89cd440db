"""The open-data app's demo datasets: four made-up samples of the Baltimore pilot's
figures, and the real published results of Seattle's evaluation."""

from publicdata.demo_data import costs, rearrest, referrals, seattle, services

DATASETS = (
    referrals.DATASET,
    services.DATASET,
    rearrest.DATASET,
    costs.DATASET,
    seattle.DATASET,
)
