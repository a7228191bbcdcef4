"""locate on dask: a distributed LocalCluster (worker processes), several partitions, exactly the pandas path's result."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import zonemap


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as connected:
        yield connected


def points(n: int = 20_000) -> pd.DataFrame:
    rng = np.random.default_rng(12)
    west, south, east, north = zonemap.load_zones().total_bounds
    lon, lat = rng.uniform(west - 0.01, east + 0.01, n), rng.uniform(south - 0.01, north + 0.01, n)
    lon[::500] = np.nan  # bad rows travel too
    return pd.DataFrame({"name": [f"p{i}" for i in range(n)], "lon": lon, "lat": lat})


def test_a_dask_dataframe_gives_exactly_the_pandas_result(client: Any) -> None:
    import dask.dataframe as dd

    frame = dd.from_pandas(points(), npartitions=5)
    located = zonemap.locate(frame)
    assert isinstance(located, dd.DataFrame) and located.npartitions == 5
    got = located.compute()
    with pytest.warns(zonemap.BadRowsWarning):
        want = zonemap.locate(frame.compute())  # the same input, as dask holds it
    pd.testing.assert_frame_equal(got, want)
    assert got["certainty"].isna().sum() == 40 and set(got["certainty"].dropna()) == {"inside", "uncertain", "outside"}
    workers = client.run(lambda: sys.modules.get("zonemap.locating") is not None)
    assert len(workers) == 2 and all(workers.values())  # the work ran on the cluster's workers


def test_a_dask_geopandas_frame_in_another_datum_gives_one_back(client: Any) -> None:
    import dask_geopandas

    frame = points(8_000).dropna()
    gcj_lon, gcj_lat = zonemap.datums.wgs84_to_gcj02(frame["lon"], frame["lat"])
    geo = gpd.GeoDataFrame(frame[["name"]], geometry=gpd.points_from_xy(gcj_lon, gcj_lat), crs=4326)
    distributed = dask_geopandas.from_geopandas(geo, npartitions=4)
    located = zonemap.locate(distributed, from_datum="gcj02")
    assert isinstance(located, dask_geopandas.GeoDataFrame) and located.npartitions == 4
    got = located.compute()
    pd.testing.assert_frame_equal(got, zonemap.locate(distributed.compute(), from_datum="gcj02"))
    assert got["zones"].tolist() == zonemap.locate(frame)["zones"].tolist()


def test_without_dask_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    class Collection:  # anything with a dask graph and partitions
        def __dask_graph__(self) -> dict:
            return {}

        def map_partitions(self, *args: Any, **kwargs: Any) -> None:
            raise AssertionError("not reached")

    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(zonemap.MissingDependencyError, match=r"locate on dask needs dask, which is not installed: pip install 'zonemap\[dask\]'"):
        zonemap.locate(Collection())
