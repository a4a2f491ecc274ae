"""Every page and API operation that shows or changes member data, one module per app.

Statuses were read off the code and checked by hand; a row says in ``note`` why an
unusual answer is right. A new URL's row goes into its app's ``rows_<domain>.py``.
"""

from tests.accounts.access_table.row import Row
from tests.accounts.access_table.rows_accounts import ACCOUNT_ROWS, SECURITY_ROWS
from tests.accounts.access_table.rows_intakes import INTAKE_ROWS
from tests.accounts.access_table.rows_plans import PLAN_ROWS
from tests.accounts.access_table.rows_programs import PROGRAM_ROWS
from tests.accounts.access_table.rows_progress import PROGRESS_ROWS
from tests.accounts.access_table.rows_sharing import SHARING_ROWS
from tests.accounts.access_table.rows_trainers import TRAINER_ROWS
from tests.accounts.access_table.rows_training import TRAINING_ROWS
from tests.accounts.access_table.rows_triage import TRIAGE_ROWS

TABLE: tuple[Row, ...] = (
    *TRIAGE_ROWS,
    *PLAN_ROWS,
    *ACCOUNT_ROWS,
    *SECURITY_ROWS,
    *TRAINING_ROWS,
    *PROGRESS_ROWS,
    *PROGRAM_ROWS,
    *SHARING_ROWS,
    *INTAKE_ROWS,
    *TRAINER_ROWS,
)
