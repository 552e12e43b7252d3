"""Enterprise services' models, one package per part (地企合作, 政银企对接, "5个1", 首席服务官, 科技园区)."""

from heluo.enterprise.briefings.models import *  # noqa: F403
from heluo.enterprise.cooperation.models import *  # noqa: F403
from heluo.enterprise.finance.models import *  # noqa: F403
from heluo.enterprise.major.models import *  # noqa: F403
from heluo.enterprise.parks.models import *  # noqa: F403
from heluo.enterprise.service.models import *  # noqa: F403
